package io.standby.os;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PollTest {

    private final Poll poll = new Poll(Duration.ofMillis(10));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void returnsTheFirstAnswerAsSoonAsThereIsOne() {
        AtomicInteger reads = new AtomicInteger();

        Optional<Integer> answer = poll.firstOf(Duration.ofSeconds(10),
                () -> reads.incrementAndGet() == 3 ? Optional.of(42) : Optional.empty());

        assertThat(answer).contains(42);
        assertThat(reads).hasValue(3);
    }

    @Test
    void givesTheLastValueReadWhenTimeRunsOutAndReadsOnceMoreAtTheDeadline() {
        AtomicInteger reads = new AtomicInteger();
        Deadline took = Deadline.after(Duration.ofMinutes(1));

        int last = poll.latest(Duration.ofMillis(100), reads::incrementAndGet, n -> false);

        assertThat(last).isEqualTo(reads.get()).isGreaterThan(1);
        assertThat(took.elapsed()).isBetween(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    @Test
    void saysWhetherTheConditionHeldInTime() {
        AtomicInteger reads = new AtomicInteger();

        assertThat(poll.until(Duration.ofSeconds(10), () -> reads.incrementAndGet() >= 2)).isTrue();
        assertThat(poll.until(Duration.ofMillis(30), () -> false)).isFalse();
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        Thread.currentThread().interrupt();
        Deadline took = Deadline.after(Duration.ofMinutes(1));

        assertThat(poll.until(Duration.ofMinutes(1), () -> false)).isFalse();

        assertThat(took.elapsed()).isLessThan(Duration.ofSeconds(5));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void pausesForTheWholeDuration() {
        Deadline took = Deadline.after(Duration.ofMinutes(1));

        poll.pause(Duration.ofMillis(50));

        assertThat(took.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }
}
