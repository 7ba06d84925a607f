package io.standby.adapters.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a notice is tried when the service may answer later: after a refused or timed-out connection, a 429
 * or a 5xx, or an error the service itself calls transient. The pause doubles after each failed attempt. The app's
 * configuration gives every value its default and checks it.
 *
 * @param attempts   tries in all, the first included
 * @param firstDelay the pause after the first failure
 * @param maxDelay   the longest pause, however many attempts
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
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
