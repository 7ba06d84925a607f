package io.standby.adapters.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a notice is tried when the service may answer later: after a refused or timed-out connection, a 429
 * or a 5xx, or an error the service itself calls transient. The pause doubles after each failed attempt.
 *
 * @param attempts   tries in all, the first included (default 3)
 * @param firstDelay the pause after the first failure (default 1 s)
 * @param maxDelay   the longest pause, however many attempts (default 30 s)
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("notify attempts must be between 1 and 10, got " + attempts);
        }
        if (firstDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("notify retry delays must not be negative, got " + firstDelay + " and " + maxDelay);
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("notify max delay " + maxDelay + " is shorter than the first delay " + firstDelay);
        }
    }

    /** The pause after the given failed attempt (1 for the first): firstDelay, twice that, four times... up to maxDelay. */
    Duration delayAfter(int failedAttempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < failedAttempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
