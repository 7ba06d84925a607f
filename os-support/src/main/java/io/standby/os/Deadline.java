package io.standby.os;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A point in the future on the monotonic clock. {@code System.nanoTime()} values may be of any sign and wrap
 * around, so only the difference of two readings means anything: this compares time elapsed since the start with
 * the time allowed, never two clock readings with each other.
 */
public final class Deadline {

    private final LongSupplier nanoClock;
    private final long start;
    private final long allowed;

    private Deadline(LongSupplier nanoClock, Duration timeout) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.start = nanoClock.getAsLong();
        this.allowed = Math.max(0, saturatedNanos(Objects.requireNonNull(timeout, "timeout")));
    }

    /** The deadline that far from now on {@link System#nanoTime()}; a negative timeout has passed already. */
    public static Deadline after(Duration timeout) {
        return new Deadline(System::nanoTime, timeout);
    }

    /** The same on another nanosecond clock, such as a test's. */
    public static Deadline after(Duration timeout, LongSupplier nanoClock) {
        return new Deadline(nanoClock, timeout);
    }

    public boolean expired() {
        return elapsedNanos() >= allowed;
    }

    /** What is left, zero once expired. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, allowed - elapsedNanos()));
    }

    /** How long since the deadline was set. */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos());
    }

    /** The time allowed in all. */
    public Duration timeout() {
        return Duration.ofNanos(allowed);
    }

    private long elapsedNanos() {
        return nanoClock.getAsLong() - start;
    }

    // Longer than 292 years is forever.
    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return timeout.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }
}
