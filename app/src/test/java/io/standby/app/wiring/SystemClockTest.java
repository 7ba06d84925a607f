package io.standby.app.wiring;

import io.standby.app.state.StateFiles;
import io.standby.app.state.FileReleaseStore;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A push ends the wait between polls at once, several pushes make one early poll, and a release's pauses run full. */
class SystemClockTest {

    @TempDir
    Path dir;

    @Test
    void aPushEndsThePauseBetweenPolls() throws Exception {
        SystemClock clock = new SystemClock(new FileReleaseStore(dir, new StateFiles()));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> pauseQuietly(clock, Duration.ofMinutes(5)));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());

        clock.pushed();

        waiting.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBurstOfPushesWakesOnceAndThePauseAfterItRunsFull() throws Exception {
        SystemClock clock = new SystemClock(new FileReleaseStore(dir, new StateFiles()));
        clock.pushed();
        clock.pushed();
        clock.pushed();

        clock.pause(Duration.ofMinutes(5));
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> pauseQuietly(clock, Duration.ofMinutes(5)));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
        next.cancel(true);
        clock.request();
    }

    @Test
    void aPushWaitsForTheReleaseUnderWayAndAStopStillWins() throws Exception {
        FileReleaseStore store = new FileReleaseStore(dir, new StateFiles());
        SystemClock clock = new SystemClock(store);
        Revision revision = new Revision("0123456789abcdef0123456789abcdef01234567", "Ada", "v2", Instant.EPOCH);
        store.saveInFlight(new InFlight(new Plan(revision, new Slot("green", 9502), Optional.empty(), Trigger.POLL,
                Instant.EPOCH), Optional.empty(), Stage.VERIFYING));

        clock.pushed();
        long started = System.nanoTime();
        clock.pause(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the watch window is not cut short")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));

        store.clearInFlight();
        clock.request();
        assertThatThrownBy(() -> clock.pause(Duration.ofMinutes(5))).isInstanceOf(InterruptedException.class);
    }

    private static void pauseQuietly(SystemClock clock, Duration duration) {
        try {
            clock.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
