package io.standby.adapters.zookeeper;

import io.standby.domain.fleet.FleetCoordination;
import io.standby.domain.fleet.FleetLeadership;
import io.standby.domain.fleet.HostName;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The face of this module: one agent's connection to its fleet's ZooKeeper ensemble, offering the domain's ports.
 * Connecting does not wait for the ensemble: an agent whose ensemble is down starts out of touch and takes no fleet
 * step until it connects.
 */
public final class ZooKeeperFleet implements AutoCloseable {

    /**
     * @param connectString     the ensemble, {@code host:port,host:port,...}
     * @param fleet             the fleet's name: its nodes live under {@code /standby/<fleet>}
     * @param host              this agent's host in the fleet
     * @param sessionTimeout    how long the ensemble keeps this agent's registration and leadership after losing it
     * @param connectionTimeout how long one attempt to reach the ensemble may take
     */
    public record Settings(String connectString, String fleet, HostName host, Duration sessionTimeout,
                           Duration connectionTimeout) {
        public Settings {
            Objects.requireNonNull(connectString, "connectString");
            FleetPaths.of(fleet);
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        }
    }

    private final CuratorFramework client;
    private final CuratorFleet fleet;

    private ZooKeeperFleet(CuratorFramework client, CuratorFleet fleet) {
        this.client = client;
        this.fleet = fleet;
    }

    public static ZooKeeperFleet connect(Settings settings) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(settings.connectString())
                .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) settings.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(200, 3))
                .build();
        client.start();
        return new ZooKeeperFleet(client, new CuratorFleet(client, FleetPaths.of(settings.fleet()), settings.host(),
                Clock.systemUTC()));
    }

    public FleetCoordination coordination() {
        return fleet;
    }

    public FleetLeadership leadership() {
        return fleet;
    }

    /** For tests of session loss: the client underneath. */
    CuratorFramework client() {
        return client;
    }

    /** Leaves the fleet at once (registration and election place removed) and closes the session. */
    @Override
    public void close() {
        fleet.leave();
        client.close();
    }
}
