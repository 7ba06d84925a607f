package io.standby.app.wiring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fleet agent's loop stops between two steps: a release under way is never cut short, a wait is. */
class StepLoopTest {

    private static final Duration LONG = Duration.ofHours(1);
    private final AtomicInteger steps = new AtomicInteger();
    // Never counted down: waiting on it is a wait for a change that never comes.
    private final CountDownLatch noChange = new CountDownLatch(1);

    /** Waits as the fleet's coordination does when nothing changes: the whole time, unless interrupted. */
    private boolean nothingChanges(Duration max) throws InterruptedException {
        return noChange.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aStepUnderWayRunsToItsEndBeforeTheLoopStops() {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        StepLoop loop = StepLoop.start("test", () -> {
            steps.incrementAndGet();
            inStep.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                throw new AssertionError("the step was interrupted");
            }
        }, this::nothingChanges, LONG);
        await().until(() -> inStep.getCount() == 0);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> stop(loop));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !stopped.isDone());
        finish.countDown();
        await().atMost(Duration.ofSeconds(5)).until(stopped::isDone);
        assertThat(stopped).isNotCompletedExceptionally();
        assertThat(steps).hasValue(1);
    }

    @Test
    void aLoopWaitingForTheFleetStopsAtOnceAndStepsNoMore() {
        StepLoop loop = StepLoop.start("test", steps::incrementAndGet, this::nothingChanges, LONG);
        await().until(() -> steps.get() == 1);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> stop(loop));

        await().atMost(Duration.ofSeconds(5)).until(stopped::isDone);
        assertThat(stopped).isNotCompletedExceptionally();
        assertThat(steps).hasValue(1);
    }

    @Test
    void aFailingStepDoesNotEndTheLoop() {
        StepLoop loop = StepLoop.start("test", () -> {
            steps.incrementAndGet();
            throw new IllegalStateException("the proxy does not answer");
        }, max -> true, LONG);

        await().atMost(Duration.ofSeconds(5)).until(() -> steps.get() >= 3);
        stop(loop);
    }

    private static void stop(StepLoop loop) {
        try {
            loop.stop();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
