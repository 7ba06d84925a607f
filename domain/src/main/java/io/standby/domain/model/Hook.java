package io.standby.domain.model;

/**
 * A point in a release where the team's own commands run: a migration once installed, a warm-up before traffic
 * arrives, a message once it has. Those before the switch can stop the release safely; those after it cannot undo
 * anything, so their failures are reported and the release goes on.
 */
public enum Hook {
    AFTER_INSTALL("after-install", true),
    BEFORE_SWITCH("before-switch", true),
    AFTER_SWITCH("after-switch", false),
    AFTER_FAILURE("after-failure", false);

    private final String key;
    private final boolean stopsTheRelease;

    Hook(String key, boolean stopsTheRelease) {
        this.key = key;
        this.stopsTheRelease = stopsTheRelease;
    }

    /** The name operators write in the configuration and read in the logs. */
    public String key() {
        return key;
    }

    /** Whether the hook's failure fails the release (only before any request reached it). */
    public boolean stopsTheRelease() {
        return stopsTheRelease;
    }
}
