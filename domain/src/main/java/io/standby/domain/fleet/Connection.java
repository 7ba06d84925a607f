package io.standby.domain.fleet;

/** How an agent stands with the fleet's coordination; it takes a new step only while connected. */
public enum Connection {
    /** Connected, or connected again: its registration and reports are current. */
    CONNECTED,
    /** Out of touch for now; its session (and so its registration and leadership) may still hold. */
    SUSPENDED,
    /** Its session is gone: it is no longer registered, nor leader, until it connects again. */
    LOST
}
