package io.standby.domain.fleet;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fleet as the coordination holds it at one moment: everything the leader decides from.
 *
 * @param rolloutVersion the version of the rollout node, which the leader's next write must match; -1 when there is none
 * @param members        the hosts whose agents are registered now (their sessions live)
 * @param leader         the host whose agent leads, if one does
 * @param desired        what each host was told, including hosts that are away
 * @param observed       what each host last reported, including hosts that are away
 * @param commands       operators' requests not yet applied, oldest first
 * @param bad            commits the fleet gave up on
 */
public record FleetView(Optional<Rollout> rollout, int rolloutVersion, Set<HostName> members, Optional<HostName> leader,
                        Map<HostName, Desired> desired, Map<HostName, HostReport> observed,
                        List<PendingCommand> commands, Set<CommitId> bad) {

    public FleetView {
        Objects.requireNonNull(rollout, "rollout");
        members = Set.copyOf(members);
        Objects.requireNonNull(leader, "leader");
        desired = Map.copyOf(desired);
        observed = Map.copyOf(observed);
        commands = List.copyOf(commands);
        bad = Set.copyOf(bad);
        if (rollout.isPresent() != (rolloutVersion >= 0)) {
            throw new IllegalArgumentException("a rollout has a version and no rollout has none, got " + rolloutVersion);
        }
    }

    /** Every host the fleet knows of, registered or away, in name order. */
    public Set<HostName> hosts() {
        Set<HostName> all = new TreeSet<>(members);
        all.addAll(desired.keySet());
        all.addAll(observed.keySet());
        return all;
    }

    public Optional<Desired> desiredOf(HostName host) {
        return Optional.ofNullable(desired.get(host));
    }

    public Optional<HostReport> observedOf(HostName host) {
        return Optional.ofNullable(observed.get(host));
    }

    /**
     * Whether the host was told a commit it does not serve yet (or is still working on): it counts against the batch
     * size whether or not its agent is registered now, since an agent out of touch may still be switching.
     */
    public boolean inFlight(HostName host) {
        Optional<Desired> told = desiredOf(host);
        if (told.isEmpty()) {
            return false;
        }
        return observedOf(host).map(report -> !report.settledOn(told.get().commit())).orElse(true);
    }

    /** Whether the host was told this commit and serves it. */
    public boolean settledOn(HostName host, CommitId commit) {
        return desiredOf(host).filter(d -> d.commit().equals(commit)).isPresent()
                && observedOf(host).filter(report -> report.settledOn(commit)).isPresent();
    }
}
