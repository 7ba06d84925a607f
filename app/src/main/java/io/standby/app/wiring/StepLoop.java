package io.standby.app.wiring;

import io.standby.domain.fleet.FleetCoordination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One of a fleet agent's loops on a thread of its own: a step whenever the fleet changes, or every interval. It is
 * stopped only between two steps, never inside one: a member's step may be a release, and cutting a release short
 * would stop the old instance too early or leave two running.
 */
final class StepLoop {

    private static final Logger LOG = LoggerFactory.getLogger(StepLoop.class);

    /** Waits until the fleet changes or the time is up, as {@link FleetCoordination#awaitChange} does. */
    @FunctionalInterface
    interface Wake {
        boolean awaitChange(Duration max) throws InterruptedException;
    }

    private final Runnable step;
    private final Wake wake;
    private final Duration interval;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean stepping;
    private boolean stopping;

    private StepLoop(String name, Runnable step, Wake wake, Duration interval) {
        this.step = step;
        this.wake = wake;
        this.interval = interval;
        this.thread = new Thread(this::run, name);
    }

    static StepLoop start(String name, Runnable step, Wake wake, Duration interval) {
        StepLoop loop = new StepLoop(name, step, wake, interval);
        loop.thread.start();
        return loop;
    }

    private void run() {
        while (beginStep()) {
            try {
                step.run();
            } catch (RuntimeException e) {
                // A broken environment must not end the agent: the leader's deadline decides what it means.
                LOG.warn("{} step failed: {}", thread.getName(), e.getMessage(), e);
            }
            if (!endStep()) {
                return;
            }
            try {
                wake.awaitChange(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean beginStep() {
        synchronized (lock) {
            stepping = !stopping;
            return stepping;
        }
    }

    private boolean endStep() {
        synchronized (lock) {
            stepping = false;
            return !stopping;
        }
    }

    /** Lets a step under way finish, then ends the loop; a loop waiting for the fleet ends at once. */
    void stop() throws InterruptedException {
        synchronized (lock) {
            stopping = true;
            if (!stepping) {
                thread.interrupt();
            }
        }
        thread.join();
    }
}
