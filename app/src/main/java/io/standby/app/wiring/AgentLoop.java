package io.standby.app.wiring;

/** What `standby run` does once it has reconciled: follow the branch alone, or take part in a fleet. */
public interface AgentLoop {

    /** Runs until the agent is asked to stop; a release under way finishes first. */
    void runUntilStopped();
}
