package io.standby.app.fleet;

import io.standby.adapters.zookeeper.ZooKeeperFleet;
import io.standby.app.it.Sandbox;
import io.standby.domain.fleet.FleetView;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.Rollout;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the fleet ITs stand on: a ZooKeeper server, the fleet's repository at v1, the servers that joined and an
 * observer reading the coordination as `fleet status` does. Everything is owned by the scene's own {@link Scratch},
 * which it sets up first and stops last, so that the agents' logs are printed while their directories still exist.
 */
final class FleetScene implements BeforeEachCallback, AfterEachCallback {

    final List<FleetServer> servers = new ArrayList<>();
    FleetRepository repository;
    private final Scratch scratch = new Scratch();
    private DebianZooKeeper zookeeper;
    private ZooKeeperFleet observer;

    @Override
    public void beforeEach(ExtensionContext context) {
        scratch.beforeEach(context);
        servers.clear();
        zookeeper = scratch.own(new DebianZooKeeper(scratch.dir().resolve("zookeeper")));
        repository = FleetRepository.atV1(scratch.dir());
        observer = scratch.own(ZooKeeperFleet.connect(new ZooKeeperFleet.Settings(zookeeper.connectString(), "shop",
                new HostName("observer"), Duration.ofSeconds(10), Duration.ofSeconds(3))));
    }

    /** Prints the logs of the agents that took part, from which a failure can be read, then stops everything. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (FleetServer server : servers) {
                System.out.println("--- agent log of " + server.name + " ---\n" + server.agentLog());
            }
        } finally {
            scratch.afterEach(context);
        }
    }

    /** A server started on v1 behind the given proxy and configured into this fleet (%s in the section is the ensemble). */
    FleetServer join(String name, Sandbox.Router router, String fleetSection) {
        FleetServer server = new FleetServer(scratch, name, repository.bare, router);
        servers.add(server.configure(repository.bare, fleetSection.formatted(zookeeper.connectString())));
        return server;
    }

    /** One HAProxy in front of the servers that joined, spreading load over their own proxies. */
    FrontProxy front() {
        return new FrontProxy(scratch, servers);
    }

    FleetView view() {
        return observer.coordination().view();
    }

    /** The rollout under way or last ended, if it is of this commit. */
    Optional<Rollout> rolloutOf(String sha) {
        return view().rollout().filter(r -> r.commit().sha().equals(sha));
    }
}
