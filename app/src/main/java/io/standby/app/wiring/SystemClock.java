package io.standby.app.wiring;

import io.standby.domain.port.out.Clock;

import java.time.Duration;
import java.time.Instant;

/** The real clock; a pause ends early when the agent's thread is interrupted to stop. */
final class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
