package io.standby.domain.fleet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one host's agent reports it runs: the answer to its desired state.
 *
 * @param rollout the rollout whose instruction it answers, if any
 * @param wanted  the commit it was told, if any
 * @param serving the commit its proxy routes to, if anything is live there
 * @param slot    the slot its proxy routes to
 * @param detail  why it failed or waits, for the operator; empty when there is nothing to say
 */
public record HostReport(HostName host, Optional<RolloutId> rollout, Optional<CommitId> wanted,
                         Optional<CommitId> serving, Optional<String> slot, HostState state, String detail, Instant at) {

    public HostReport {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(at, "at");
    }

    /** Whether the host serves this commit and is doing nothing else. */
    public boolean settledOn(CommitId commit) {
        return state != HostState.WORKING && serving.filter(commit::equals).isPresent();
    }

    /** Whether the host says this instruction failed on it. */
    public boolean failed(Desired desired) {
        return state == HostState.FAILED && rollout.filter(desired.rollout()::equals).isPresent()
                && wanted.filter(desired.commit()::equals).isPresent();
    }

    /** Whether the other report says the same of the same host, whenever it was made. */
    public boolean saysTheSameAs(HostReport other) {
        return host.equals(other.host) && rollout.equals(other.rollout) && wanted.equals(other.wanted)
                && serving.equals(other.serving) && slot.equals(other.slot) && state == other.state
                && detail.equals(other.detail);
    }
}
