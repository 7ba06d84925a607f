package io.standby.domain.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's rules for a rollout across the fleet; a rollout keeps the rules it started with, so that a new leader
 * with another configuration finishes it as it began.
 *
 * @param batchSize      the most hosts in flight at once (told a commit they do not serve yet)
 * @param canary         the first wave
 * @param canarySoak     how long the canary must serve the new commit before the rest follow
 * @param awaitPromotion whether the rest wait for `standby fleet promote` after the soak
 * @param hostDeadline   how long a host may take from being told a commit to serving it; missing it aborts
 */
public record RolloutPolicy(int batchSize, CanarySize canary, Duration canarySoak, boolean awaitPromotion,
                            Duration hostDeadline) {

    public RolloutPolicy {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        Objects.requireNonNull(canary, "canary");
        Objects.requireNonNull(canarySoak, "canarySoak");
        Objects.requireNonNull(hostDeadline, "hostDeadline");
        if (canarySoak.isNegative()) {
            throw new IllegalArgumentException("canarySoak cannot be negative: " + canarySoak);
        }
        if (hostDeadline.isNegative() || hostDeadline.isZero()) {
            throw new IllegalArgumentException("hostDeadline must be more than zero");
        }
    }

    public static RolloutPolicy defaults() {
        return new RolloutPolicy(1, new CanarySize.Hosts(1), Duration.ofMinutes(5), false, Duration.ofMinutes(10));
    }
}
