package io.standby.domain.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One commit on its way across the fleet. Only the leader writes it, and only through a versioned write fenced by its
 * leadership, so two agents can never each believe they steer it.
 *
 * @param previous the fleet's last good commit when the rollout began: where an abort sends hosts back to; empty for
 *                 a fleet that had none, whose abort can only stop the rollout
 * @param canary   the hosts of the first wave, chosen when the rollout began
 * @param paused   an operator holds new waves; the way back is never held
 * @param promoted an operator promoted the canary (it may do so while it still soaks)
 */
public record Rollout(RolloutId id, CommitId commit, Optional<CommitId> previous, RolloutPolicy policy,
                      List<HostName> canary, Phase phase, boolean paused, boolean promoted, Instant startedAt) {

    public Rollout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(policy, "policy");
        canary = List.copyOf(canary);
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        if (canary.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one canary host");
        }
        if (previous.filter(commit::equals).isPresent()) {
            throw new IllegalArgumentException("a rollout of " + commit + " cannot go back to " + commit);
        }
    }

    /** A new rollout, in its canary phase. */
    public static Rollout begin(CommitId commit, Optional<CommitId> previous, RolloutPolicy policy,
                                List<HostName> canary, Instant at) {
        return new Rollout(RolloutId.of(at, commit), commit, previous, policy, canary, new Phase.Canary(), false, false, at);
    }

    /** The commit every host should serve once nothing more moves: the new one when done, else the previous one. */
    public Optional<CommitId> lastGood() {
        return phase instanceof Phase.Done ? Optional.of(commit) : previous;
    }

    /** What a host should serve in this phase: canary hosts lead, everyone follows, an abort sends all back. */
    public Optional<CommitId> targetFor(HostName host) {
        if (phase instanceof Phase.Rolling || phase instanceof Phase.Done) {
            return Optional.of(commit);
        }
        if (phase instanceof Phase.Forward) {
            return canary.contains(host) ? Optional.of(commit) : previous;
        }
        return previous;
    }

    public Rollout moveTo(Phase next) {
        return new Rollout(id, commit, previous, policy, canary, next, paused, promoted, startedAt);
    }

    public Rollout paused(boolean paused) {
        return new Rollout(id, commit, previous, policy, canary, phase, paused, promoted, startedAt);
    }

    public Rollout promote() {
        return new Rollout(id, commit, previous, policy, canary, phase, paused, true, startedAt);
    }
}
