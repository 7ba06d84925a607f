package io.standby.app.wiring;

/** Asks the agent to stop once no release is under way; see {@link SystemClock}. */
public interface GracefulStop {

    /** Returns at once; the agent stops at its next pause outside a release. */
    void request();

    /** Waits until a stop is asked for. */
    void awaitRequest() throws InterruptedException;

    /** Whether a stop was asked for. */
    boolean requested();

    /** Whether the journal holds a release under way, which a stop waits for. */
    boolean releaseUnderWay();
}
