package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Deployment;
import io.standby.domain.model.Failed;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Live;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.RolledBack;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReleasePipelineTest {

    private final World world = World.withLiveRelease();

    @Nested
    class WhenEverythingWorks {

        @Test
        void newCommitGoesLiveInTheIdleSlotAndTheOldOneRetires() {
            Revision v2 = world.source.push("v2");

            Optional<Deployment> ended = world.deployer().pollOnce();

            assertThat(ended).containsInstanceOf(Live.class);
            assertThat(world.router.current()).contains(world.slots.green());
            assertThat(world.runtime.runningIn(world.slots.green())).hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(v2));
            assertThat(world.runtime.runningIn(world.slots.blue())).isEmpty();
            assertThat(world.store.live()).hasValueSatisfying(live -> {
                assertThat(live.slot()).isEqualTo(world.slots.green());
                assertThat(live.release().revision()).isEqualTo(v2);
            });
            assertThat(world.store.inFlight()).isEmpty();
        }

        @Test
        void stagesRunInOrderAndTheOldReleaseStopsOnlyAfterTheSwitchAndTheDrain() {
            Revision v1 = world.store.live().orElseThrow().release().revision();
            Revision v2 = world.source.push("v2");
            world.router.drainAfterPolls(3);

            world.deployer().pollOnce();

            assertThat(world.events.all()).containsSubsequence(
                    "export " + v2.shortSha(), "install " + v2.shortSha(), "start " + v2.shortSha() + " green",
                    "switch green", "drained blue", "stop " + v1.shortSha() + " blue");
        }

        @Test
        void historyRecordsEveryStageWithItsDuration() {
            world.source.push("v2");

            world.deployer().pollOnce();

            HistoryEntry entry = world.store.history().get(0);
            assertThat(entry.result()).isEqualTo(Result.LIVE);
            assertThat(entry.timings()).extracting(StageTiming::stage).containsExactly(
                    Stage.FETCHING, Stage.INSTALLING, Stage.STARTING, Stage.CHECKING_HEALTH, Stage.SWITCHING,
                    Stage.VERIFYING, Stage.DRAINING, Stage.RETIRING);
            assertThat(entry.timings()).filteredOn(t -> t.stage() == Stage.VERIFYING)
                    .allSatisfy(t -> assertThat(t.took()).isEqualTo(world.policy.watchWindow()));
        }

        @Test
        void theLiveCommitIsNotDeployedAgain() {
            world.source.push("v2");
            world.deployer().pollOnce();

            assertThat(world.deployer().pollOnce()).isEmpty();
            assertThat(world.store.history()).hasSize(1);
        }

        @Test
        void theOperatorTimelineNamesEachStage() {
            Revision v2 = world.source.push("v2");

            world.deployer().pollOnce();

            assertThat(world.timeline.lines()).contains(
                    v2.shortSha() + " fetching ok", v2.shortSha() + " checking health ok",
                    v2.shortSha() + " switching ok", v2.shortSha() + " retiring the old ok");
        }
    }

    @Nested
    class WhenTheReleaseFailsBeforeTheSwitch {

        /** A way for the release of {@code v2} to fail that needs no check beyond the live release being left alone. */
        interface Breakage {
            void on(World world, Revision v2);
        }

        static Stream<Arguments> breakages() {
            return Stream.of(
                    arguments("a failed fetch", Stage.FETCHING, "disk full", (Breakage) (world, v2) ->
                            world.source.failExports("disk full while writing release files")),
                    arguments("a failed install", Stage.INSTALLING, "acme/missing", (Breakage) (world, v2) ->
                            world.installer.failFor(v2, "composer install failed: package acme/missing not found")),
                    arguments("a refused switch", Stage.SWITCHING, "unknown directive", (Breakage) (world, v2) ->
                            world.router.failSwitches("nginx -t failed: unknown directive")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("breakages")
        void aFailureLeavesTheLiveReleaseAlone(String failure, Stage stage, String reasonPart, Breakage breakage) {
            breakage.on(world, world.source.push("v2"));

            assertFailedAt(stage, reasonPart);
        }

        @Test
        void aCrashOnBootLeavesTheLiveReleaseAloneAndNothingRunningInTheIdleSlot() {
            Revision v2 = world.source.push("v2");
            world.runtime.failBootOf(v2, "the process exited at once: PHP Fatal error");

            assertFailedAt(Stage.STARTING, "PHP Fatal error");
            assertThat(world.runtime.isListening(world.slots.green())).isFalse();
        }

        @Test
        void anUnhealthyReleaseIsStoppedBeforeAnyRequestReachesIt() {
            Revision v2 = world.source.push("v2");
            world.health.sick(v2);

            assertFailedAt(Stage.CHECKING_HEALTH, "answered 500");
            assertThat(world.events.all()).contains("stop " + v2.shortSha() + " green").doesNotContain("switch green");
        }

        @Test
        void aForeignProcessOnTheIdlePortIsNamedAndLeftAlone() {
            world.source.push("v2");
            world.runtime.occupyByForeignProcess(world.slots.green(), Path.of("/opt/other"));

            assertFailedAt(Stage.STARTING, "port 9502 of the idle slot green is already in use (running from /opt/other)");
            assertThat(world.runtime.isListening(world.slots.green())).isTrue();
        }

        private void assertFailedAt(Stage stage, String reasonPart) {
            Revision live = world.store.live().orElseThrow().release().revision();

            Deployment ended = world.deployer().pollOnce().orElseThrow();

            assertThat(ended).isInstanceOfSatisfying(Failed.class, failed -> {
                assertThat(failed.stage()).isEqualTo(stage);
                assertThat(failed.reason()).contains(reasonPart);
            });
            assertThat(world.router.current()).contains(world.slots.blue());
            assertThat(world.runtime.runningIn(world.slots.blue())).hasValueSatisfying(r -> assertThat(r.revision()).isEqualTo(live));
            assertThat(world.runtime.runningIn(world.slots.green())).isEmpty();
            assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(live);
            assertThat(world.reports().status().lastFailure()).hasValueSatisfying(f -> {
                assertThat(f.stage()).isEqualTo(stage);
                assertThat(f.reason()).contains(reasonPart);
            });
            assertThat(world.store.inFlight()).isEmpty();
        }
    }

    @Nested
    class WhenTheReleaseFailsBehindTheProxy {

        @Test
        void trafficGoesBackToTheOldReleaseWhichWasNeverStopped() {
            Revision v1 = world.store.live().orElseThrow().release().revision();
            Revision v2 = world.source.push("v2");
            world.health.sickBehindProxy(v2);

            Deployment ended = world.deployer().pollOnce().orElseThrow();

            assertThat(ended).isInstanceOfSatisfying(RolledBack.class,
                    r -> assertThat(r.reason()).contains("failed behind the proxy").contains("switched back"));
            assertThat(world.router.current()).contains(world.slots.blue());
            assertThat(world.events.all()).doesNotContain("stop " + v1.shortSha() + " blue")
                    .containsSubsequence("switch green", "switch blue", "stop " + v2.shortSha() + " green");
            assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(v1);
        }

        @Test
        void aFailureLateInTheWatchWindowStillSwitchesBack() {
            Revision v2 = world.source.push("v2");
            // Healthy at first; sick after the first probe pause inside the watch window.
            world.clock.onPause(() -> {
                if (world.router.current().filter(world.slots.green()::equals).isPresent()) {
                    world.health.sickBehindProxy(v2);
                }
            });

            Deployment ended = world.deployer().pollOnce().orElseThrow();

            assertThat(ended).isInstanceOf(RolledBack.class);
            assertThat(world.router.current()).contains(world.slots.blue());
        }
    }

    @Nested
    class WhileDraining {

        @Test
        void theOldReleaseIsStoppedAnywayAfterTheDrainTimeoutAndTheOperatorIsTold() {
            world.source.push("v2");
            world.router.neverDrain();

            Deployment ended = world.deployer().pollOnce().orElseThrow();

            assertThat(ended).isInstanceOf(Live.class);
            assertThat(world.timeline.lines()).anyMatch(l -> l.contains("still had connections after the drain timeout of 30s"));
        }

        @Test
        void aDrainTimeoutThatIsNotWholeSecondsIsToldExactly() {
            World quickDrain = World.withLiveRelease();
            quickDrain.source.push("v2");
            quickDrain.router.neverDrain();

            quickDrain.deployerDraining(java.time.Duration.ZERO, java.time.Duration.ofMillis(1500)).pollOnce();

            assertThat(quickDrain.timeline.lines()).anyMatch(l -> l.contains("after the drain timeout of 1500ms"));
        }

        @Test
        void theDrainMinimumIsWaitedEvenWhenTheProxyReportsDrainedAtOnce() {
            World slowDrain = World.withLiveRelease();
            slowDrain.source.push("v2");

            slowDrain.deployerDraining(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)).pollOnce();

            assertDrainedFor(slowDrain, java.time.Duration.ofSeconds(5));
        }

        /** Flag mode's default: the minimum is the timeout. The proxy is still asked, and says drained. */
        @Test
        void aMinimumAsLongAsTheTimeoutStillAsksTheProxyAndReportsNoFalseTimeout() {
            World fixedDrain = World.withLiveRelease();
            fixedDrain.source.push("v2");

            assertThat(fixedDrain.deployerDraining(java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(60))
                    .pollOnce()).containsInstanceOf(Live.class);

            assertThat(fixedDrain.timeline.lines()).noneMatch(l -> l.contains("still had connections"));
            assertDrainedFor(fixedDrain, java.time.Duration.ofSeconds(60));
        }

        private void assertDrainedFor(World world, java.time.Duration atLeast) {
            HistoryEntry entry = world.store.history().get(world.store.history().size() - 1);
            assertThat(entry.timings()).filteredOn(t -> t.stage() == Stage.DRAINING)
                    .allSatisfy(t -> assertThat(t.took()).isGreaterThanOrEqualTo(atLeast));
        }
    }
}
