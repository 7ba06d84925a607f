package io.standby.adapters.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the poll loop waits on instead of sleeping: it returns at the end of the pause, or as soon as a push arrives.
 * Signals are not counted: any number of them while the poller is busy releasing make one early wake, so a burst of
 * pushes leads to one more look at the branch, which finds only its newest head.
 */
public final class Wakeup implements PushSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private boolean pending;

    /** Wakes the waiting poller, or the next one to wait if none waits now. */
    public void signal() {
        lock.lock();
        try {
            pending = true;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pushed() {
        signal();
    }

    /**
     * Waits until signalled or until the timeout has passed, whichever comes first, and consumes the signal.
     *
     * @return true if a signal came (perhaps before the wait began), false if the whole timeout passed without one
     */
    public boolean awaitSignalOrTimeout(Duration timeout) throws InterruptedException {
        long left = nanos(timeout);
        lock.lockInterruptibly();
        try {
            while (!pending) {
                if (left <= 0) {
                    return false;
                }
                left = signalled.awaitNanos(left);
            }
            pending = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        // Durations beyond some 292 years do not fit in nanoseconds; waiting that long is waiting for a signal.
        return timeout.compareTo(Duration.ofDays(365L * 200)) > 0 ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.convert(timeout);
    }
}
