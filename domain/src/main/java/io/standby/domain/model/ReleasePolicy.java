package io.standby.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's rules for a release.
 *
 * @param drainMinimum how long the old release stays up after the switch even when the proxy reports it drained,
 *                     for proxies that cannot see in-flight requests (at least the slowest request)
 * @param drainTimeout the longest the old release waits for its last connections before it is stopped anyway
 * @param drainPoll    how often the proxy is asked whether the old release has drained
 * @param watchWindow  how long the new release is probed through the proxy, with the old one still warm
 * @param watchPoll    how often it is probed in that window
 * @param keepReleases how many releases stay on disk (the live one and the roll-back target always do)
 */
public record ReleasePolicy(
        Duration drainMinimum,
        Duration drainTimeout,
        Duration drainPoll,
        Duration watchWindow,
        Duration watchPoll,
        int keepReleases) {

    public ReleasePolicy {
        requirePositiveOrZero(drainMinimum, "drainMinimum");
        requirePositiveOrZero(drainTimeout, "drainTimeout");
        requirePositive(drainPoll, "drainPoll");
        requirePositiveOrZero(watchWindow, "watchWindow");
        requirePositive(watchPoll, "watchPoll");
        if (drainMinimum.compareTo(drainTimeout) > 0) {
            throw new IllegalArgumentException("drainMinimum (" + drainMinimum + ") cannot exceed drainTimeout (" + drainTimeout + ")");
        }
        if (keepReleases < 2) {
            throw new IllegalArgumentException("keepReleases must be at least 2 (the live release and a roll-back target), got " + keepReleases);
        }
    }

    private static void requirePositiveOrZero(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " cannot be negative: " + d);
        }
    }

    private static void requirePositive(Duration d, String name) {
        requirePositiveOrZero(d, name);
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " must be more than zero");
        }
    }
}
