package io.standby.domain.fleet;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The answer to "what is the fleet doing?": the rollout and its phase, every host, and the commits given up on. */
public record FleetStatus(Optional<Rollout> rollout, Optional<HostName> leader, List<HostStatus> hosts,
                          Set<CommitId> bad) {

    public FleetStatus {
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(leader, "leader");
        hosts = List.copyOf(hosts);
        bad = Set.copyOf(bad);
    }
}
