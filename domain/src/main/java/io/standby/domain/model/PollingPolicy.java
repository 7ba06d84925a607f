package io.standby.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the branch is polled, and how far apart attempts get while the repository is unreachable.
 *
 * @param interval   the pause between polls while all is well
 * @param maxBackoff the longest pause between attempts while the repository keeps failing
 */
public record PollingPolicy(Duration interval, Duration maxBackoff) {

    public PollingPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be more than zero");
        }
        if (maxBackoff.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the longest back-off (" + maxBackoff + ") cannot be shorter than the poll interval (" + interval + ")");
        }
    }

    /** The pause before the next poll: the interval, doubled for each failure in a row, up to the maximum. */
    public Duration pauseAfter(int failuresInARow) {
        Duration pause = interval;
        for (int i = 0; i < failuresInARow && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
}
