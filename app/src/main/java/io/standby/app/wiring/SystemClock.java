package io.standby.app.wiring;

import com.google.inject.Inject;
import io.standby.adapters.http.PushSignal;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.os.Deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The real clock, and the agent's way to stop between releases. A stop request ends the pause between two polls
 * at once, but never a pause inside a release (the watch window, the drain): cutting those short would retire the
 * old release before the proxy has drained it. A release under way therefore runs to its end first. A push ends
 * the pause between two polls the same way, so that the next poll comes now; it too leaves a release's pauses alone.
 */
final class SystemClock implements Clock, GracefulStop, PushSignal {

    private final ReleaseStore store;
    private final Object lock = new Object();
    private boolean stopRequested;
    private boolean pushArrived;

    @Inject
    SystemClock(ReleaseStore store) {
        this.store = store;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        Deadline deadline = Deadline.after(duration);
        synchronized (lock) {
            while (true) {
                if ((stopRequested || pushArrived) && !releaseUnderWay()) {
                    if (stopRequested) {
                        throw new InterruptedException("asked to stop");
                    }
                    pushArrived = false;
                    return;
                }
                if (deadline.expired()) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, deadline.remaining().toNanos());
            }
        }
    }

    @Override
    public void request() {
        synchronized (lock) {
            stopRequested = true;
            lock.notifyAll();
        }
    }

    @Override
    public void awaitRequest() throws InterruptedException {
        synchronized (lock) {
            while (!stopRequested) {
                lock.wait();
            }
        }
    }

    @Override
    public void pushed() {
        synchronized (lock) {
            pushArrived = true;
            lock.notifyAll();
        }
    }

    @Override
    public boolean requested() {
        synchronized (lock) {
            return stopRequested;
        }
    }

    @Override
    public boolean releaseUnderWay() {
        try {
            return store.inFlight().isPresent();
        } catch (RuntimeException unreadable) {
            // A journal that cannot be read cannot say a release is under way; stopping is then the safe choice.
            return false;
        }
    }
}
