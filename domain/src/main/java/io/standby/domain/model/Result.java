package io.standby.domain.model;

/** How a deployment, or an event in the life of the releases, ended. */
public enum Result {
    /** The release went live. */
    LIVE,
    /** The deployment stopped before the switch; the live release kept serving. */
    FAILED,
    /** The release failed behind the proxy and Standby switched back by itself, or tried to: the reason says which. */
    ROLLED_BACK,
    /** An operator rolled back from this release; it is not deployed again until a newer commit appears. */
    ROLLED_AWAY,
    /** An instance that was already serving when Standby first started was taken over as the live release. */
    ADOPTED,
    /** A deployment interrupted by the agent's own death was finished or undone on restart. */
    RECOVERED;

    /** Whether the poller should leave this revision alone until the branch moves on. */
    public boolean marksRevisionBad() {
        return this == FAILED || this == ROLLED_BACK || this == ROLLED_AWAY;
    }
}
