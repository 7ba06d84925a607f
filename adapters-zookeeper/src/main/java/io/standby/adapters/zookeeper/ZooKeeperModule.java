package io.standby.adapters.zookeeper;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.standby.domain.fleet.FleetCoordination;
import io.standby.domain.fleet.FleetLeadership;

/**
 * The fleet's coordination in a ZooKeeper ensemble. The connection is made when first asked for and does not wait for
 * the ensemble; whoever asked for it closes it ({@link ZooKeeperFleet#close()}) when the agent stops.
 */
public final class ZooKeeperModule extends AbstractModule {

    private final ZooKeeperFleet.Settings settings;

    public ZooKeeperModule(ZooKeeperFleet.Settings settings) {
        this.settings = settings;
    }

    @Provides
    @Singleton
    ZooKeeperFleet fleet() {
        return ZooKeeperFleet.connect(settings);
    }

    @Provides
    FleetCoordination coordination(ZooKeeperFleet fleet) {
        return fleet.coordination();
    }

    @Provides
    FleetLeadership leadership(ZooKeeperFleet fleet) {
        return fleet.leadership();
    }
}
