package io.standby.adapters.easyswoole;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for the world to change against a deadline: the one place this adapter lets time pass. */
final class Poll {

    private final Duration step;

    Poll(Duration step) {
        this.step = step;
    }

    /** Checks every step until the check has an answer; empty if it has none by the deadline or the thread is interrupted. */
    <T> Optional<T> firstOf(Duration timeout, Supplier<Optional<T>> check) {
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            Optional<T> answer = check.get();
            if (answer.isPresent() || deadline.passed() || Thread.currentThread().isInterrupted()) {
                return answer;
            }
            pause(min(step, deadline.remaining()));
        }
    }

    /** Whether the condition holds by the deadline. */
    boolean until(Duration timeout, BooleanSupplier condition) {
        return firstOf(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    /** Lets the duration pass, unless the thread is interrupted: parkNanos may wake early, so park until it has. */
    void pause(Duration duration) {
        Deadline deadline = Deadline.after(duration);
        while (!deadline.passed() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(deadline.remaining().toNanos());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A moment in the monotonic clock's future. */
    record Deadline(long nanos) {

        static Deadline after(Duration duration) {
            return new Deadline(System.nanoTime() + duration.toNanos());
        }

        boolean passed() {
            return System.nanoTime() - nanos >= 0;
        }

        Duration remaining() {
            return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
        }
    }
}
