package io.standby.domain.model;

/** The steps of a release, in the order they happen. */
public enum Stage {
    FETCHING("fetching"),
    INSTALLING("installing"),
    STARTING("starting"),
    CHECKING_HEALTH("checking health"),
    SWITCHING("switching"),
    VERIFYING("verifying"),
    DRAINING("draining"),
    RETIRING("retiring the old"),
    LIVE("live");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** Whether traffic may already have reached the new release at this stage. */
    public boolean isAfterSwitch() {
        return compareTo(SWITCHING) >= 0;
    }

    public String label() {
        return label;
    }
}
