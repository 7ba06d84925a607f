package io.standby.app.wiring;

import io.standby.adapters.zookeeper.ZooKeeperFleet;
import io.standby.app.config.StandbyConfig;
import io.standby.domain.fleet.CanarySize;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.RolloutPolicy;

/** The fleet section in the words of the domain's rollout rules and of the ZooKeeper adapter; checked already. */
final class FleetSettings {

    private final StandbyConfig.Fleet fleet;

    FleetSettings(StandbyConfig.Fleet fleet) {
        this.fleet = fleet;
    }

    HostName host() {
        return new HostName(fleet.host());
    }

    RolloutPolicy policy() {
        CanarySize canary = fleet.canaryPercent().<CanarySize>map(CanarySize.Percent::new)
                .orElseGet(() -> new CanarySize.Hosts(fleet.canaryHosts().orElseThrow()));
        return new RolloutPolicy(fleet.batchSize(), canary, fleet.canarySoak(), fleet.awaitPromotion(),
                fleet.hostDeadline());
    }

    ZooKeeperFleet.Settings zooKeeper() {
        return new ZooKeeperFleet.Settings(fleet.zookeeper(), fleet.name(), host(), fleet.sessionTimeout(),
                fleet.connectionTimeout());
    }
}
