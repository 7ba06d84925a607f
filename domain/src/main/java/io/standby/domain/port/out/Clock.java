package io.standby.domain.port.out;

import java.time.Duration;
import java.time.Instant;

/** Time, and waiting for it to pass: a port so that tests of the state machine run in no time. */
public interface Clock {

    Instant now();

    /** Waits for the duration to pass, or for the agent to be told to stop. */
    void pause(Duration duration) throws InterruptedException;
}
