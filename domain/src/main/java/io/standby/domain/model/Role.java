package io.standby.domain.model;

/**
 * The part a release plays while both slots run, kept in the release itself so that its own processes can ask:
 * a crontab or a queue consumer runs only in the live one, never twice while old and new overlap.
 */
public enum Role {
    /** Started and checked, not yet reached by traffic. */
    CANDIDATE,
    /** Serving: the one release whose once-only work runs. */
    LIVE,
    /** Traffic has moved away; it finishes what it has and is stopped. */
    DRAINING;

    /** The word written to the role file. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
