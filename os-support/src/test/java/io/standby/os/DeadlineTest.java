package io.standby.os;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTest {

    // System.nanoTime() may start anywhere, near Long.MAX_VALUE too, and then wraps to negative values.
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(3).toNanos());

    @Test
    void holdsAcrossTheOverflowOfTheNanoClock() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), nanos::get);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        assertThat(nanos.get()).as("the clock wrapped").isNegative();
        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(5));
        assertThat(deadline.elapsed()).isEqualTo(Duration.ofSeconds(5));

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.remaining()).isZero();
    }

    @Test
    void aDeadlineSetJustBeforeTheOverflowIsNotPassedAtOnce() {
        // The old `System.nanoTime() < deadline` saw this one as passed before it began: start + 10s wraps negative.
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), nanos::get);

        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aZeroOrNegativeTimeoutHasExpiredAlready() {
        assertThat(Deadline.after(Duration.ZERO, nanos::get).expired()).isTrue();
        assertThat(Deadline.after(Duration.ofSeconds(-1), nanos::get).remaining()).isZero();
    }

    @Test
    void aTimeoutTooLongForNanosecondsIsForever() {
        Deadline deadline = Deadline.after(Duration.ofDays(365L * 1000), nanos::get);

        nanos.addAndGet(Duration.ofDays(365L * 200).toNanos());

        assertThat(deadline.expired()).isFalse();
    }

    @Test
    void runsOnTheSystemClockByDefault() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));

        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(deadline.timeout()).isEqualTo(Duration.ofMinutes(1));
    }
}
