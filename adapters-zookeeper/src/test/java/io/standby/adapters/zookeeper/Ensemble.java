package io.standby.adapters.zookeeper;

import io.standby.domain.fleet.HostName;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three real ZooKeeper servers in this JVM, and agents connected to them with short sessions so that loss shows fast.
 * Started once for a test class, which shares them: {@code @RegisterExtension static final Ensemble ensemble = new Ensemble();}
 */
final class Ensemble implements BeforeAllCallback, AfterAllCallback {

    static final Duration SESSION = Duration.ofSeconds(4);

    private final TestingCluster cluster = new TestingCluster(3);
    private final List<ZooKeeperFleet> agents = new ArrayList<>();
    private static final AtomicInteger FLEETS = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster.start();
    }

    /** A fresh fleet name, so tests sharing the ensemble never see each other's nodes. */
    static String newFleet() {
        return "fleet-" + FLEETS.incrementAndGet();
    }

    ZooKeeperFleet agent(String fleet, String host) {
        ZooKeeperFleet agent = ZooKeeperFleet.connect(new ZooKeeperFleet.Settings(cluster.getConnectString(), fleet,
                new HostName(host), SESSION, Duration.ofSeconds(2)));
        agents.add(agent);
        return agent;
    }

    /** Stops two of the three servers: the ensemble has no quorum and answers nobody. */
    List<InstanceSpec> loseQuorum() throws Exception {
        List<InstanceSpec> stopped = new ArrayList<>(cluster.getInstances()).subList(0, 2);
        for (InstanceSpec spec : stopped) {
            cluster.killServer(spec);
        }
        return stopped;
    }

    void restart(List<InstanceSpec> stopped) throws Exception {
        for (InstanceSpec spec : stopped) {
            cluster.restartServer(spec);
        }
    }

    /** Closes every agent the tests left open, then stops the servers. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (ZooKeeperFleet agent : agents) {
            try {
                agent.close();
            } catch (RuntimeException e) {
                // Already closed by the test (an agent it killed).
            }
        }
        cluster.close();
    }
}
