package io.standby.domain.model;

/** Why a deployment started. */
public enum Trigger {
    /** The poller saw a new commit on the branch. */
    POLL,
    /** The forge's push webhook announced a push, and the poller read the branch at once. */
    PUSH,
    /** An operator asked for a deployment now. */
    DEPLOY,
    /** An operator asked to return to a kept release. */
    ROLLBACK,
    /** The agent, starting, reconciled its journal with what it found running. */
    START_UP
}
