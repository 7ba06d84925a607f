package io.standby.domain.model;

/** What becomes of the release that served before a switch, once the new one is verified. */
public enum PreviousRelease {
    /** Drained and stopped: a single server needs nothing more. */
    RETIRED,
    /**
     * Left running in its slot: a fleet may send every host back while its rollout is under way, and going back to a
     * warm release is a proxy flip, not a cold start. The fleet retires it once the rollout is over (the next
     * release, or a reconcile, stops it once drained).
     */
    KEPT_WARM
}
