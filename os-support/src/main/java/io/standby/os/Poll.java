package io.standby.os;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for the world to change: reads a value every step until it is the one wanted or a deadline passes. It reads
 * once more at the deadline rather than sleeping past it, and an interrupt ends the wait at once with the interrupt
 * flag still set, so the caller's thread can still be stopped.
 */
public final class Poll {

    private final Duration step;

    public Poll(Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("a poll step must be positive, got " + step);
        }
        this.step = step;
    }

    /** Reads until the value is done, the time is up or the thread is interrupted; returns the last value read. */
    public <T> T latest(Duration timeout, Supplier<T> read, Predicate<? super T> done) {
        Objects.requireNonNull(read, "read");
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            T value = read.get();
            if (done.test(value) || deadline.expired() || Thread.currentThread().isInterrupted()) {
                return value;
            }
            pause(min(step, deadline.remaining()));
        }
    }

    /** The first answer the check gives in time; empty if it has none by then or the thread is interrupted. */
    public <T> Optional<T> firstOf(Duration timeout, Supplier<Optional<T>> check) {
        return latest(timeout, check, Optional::isPresent);
    }

    /** Whether the condition holds by the deadline. */
    public boolean until(Duration timeout, BooleanSupplier condition) {
        return latest(timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Lets the duration pass, unless the thread is interrupted: parkNanos may wake early, so park until it has. */
    public void pause(Duration duration) {
        Deadline deadline = Deadline.after(duration);
        while (!deadline.expired() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(deadline.remaining().toNanos());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
