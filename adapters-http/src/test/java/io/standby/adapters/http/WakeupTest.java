package io.standby.adapters.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

class WakeupTest {

    private final Wakeup wakeup = new Wakeup();

    @Test
    void withoutASignalTheWaitLastsTheWholeTimeout() throws InterruptedException {
        long start = System.nanoTime();

        boolean signalled = wakeup.awaitSignalOrTimeout(Duration.ofMillis(200));

        assertThat(signalled).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aSignalGivenBeforeTheWaitEndsItAtOnce() throws InterruptedException {
        wakeup.signal();

        assertThat(wakeup.awaitSignalOrTimeout(Duration.ofHours(1))).isTrue();
    }

    @Test
    void aSignalWhileWaitingEndsTheWaitEarly() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return wakeup.awaitSignalOrTimeout(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        // Signalled again until the waiter returns: it may not have begun to wait when the first signal lands.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            wakeup.signal();
            return waiting.isDone();
        });
        assertThat(waiting.get(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manySignalsWhileBusyMakeOneWake() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            wakeup.signal();
        }

        assertThat(wakeup.awaitSignalOrTimeout(Duration.ZERO)).isTrue();
        assertThat(wakeup.awaitSignalOrTimeout(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void aPushIsASignal() throws InterruptedException {
        PushSignal signal = wakeup;

        signal.pushed();

        assertThat(wakeup.awaitSignalOrTimeout(Duration.ZERO)).isTrue();
    }

    @Test
    void anInterruptEndsTheWait() {
        Thread.currentThread().interrupt();
        try {
            wakeup.awaitSignalOrTimeout(Duration.ofHours(1));
            fail("the wait went on despite the interrupt");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }
}
