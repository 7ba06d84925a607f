package io.standby.domain.fakes;

import io.standby.domain.port.out.Clock;

import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when someone pauses on it, so waits cost no real time. */
public final class ManualClock implements Clock {

    private Instant now;
    private Runnable onPause = () -> { };

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        synchronized (this) {
            now = now.plus(duration);
        }
        onPause.run();
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Runs on every pause: how a test makes the world change while the state machine waits. */
    public void onPause(Runnable action) {
        this.onPause = action;
    }
}
