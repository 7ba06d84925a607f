package io.standby.domain.model;

/** Why a deployment started. */
public enum Trigger {
    /** The poller saw a new commit on the branch. */
    POLL,
    /** An operator asked for a deployment now. */
    DEPLOY,
    /** An operator asked to return to a kept release. */
    ROLLBACK,
    /** The agent, starting, reconciled its journal with what it found running. */
    START_UP
}
