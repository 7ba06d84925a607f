package io.standby.domain.service;

import io.standby.domain.fakes.FakeRouter;
import io.standby.domain.fakes.FakeRouter.Call;
import io.standby.domain.fakes.World;
import io.standby.domain.model.Deployment;
import io.standby.domain.model.Detected;
import io.standby.domain.model.Failed;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Live;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.RolledBack;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.out.Timeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy out of reach (HAProxy stopped and started again, nginx's pid file gone) is an outcome the state machine
 * handles at every stage: the run ends with a history entry, nothing in flight, and once the proxy answers exactly one
 * slot runs, the one it routes to and the journal names, and the next commit releases as usual.
 */
class ProxyTroubleTest {

    private static final Duration BRIEFLY = Duration.ofSeconds(3);
    // Longer than the drain timeout (30 s in World), so the run ends before the proxy is back.
    private static final Duration LONG = Duration.ofMinutes(5);

    private final World world = World.withLiveRelease();
    private Revision v1;

    @BeforeEach
    void theLiveReleaseIsInTheHistory() {
        // As after adoption or an earlier release: the history is how Standby knows an instance is its own.
        LiveRelease live = world.store.live().orElseThrow();
        v1 = live.release().revision();
        world.store.append(new HistoryEntry(v1, Optional.of(live.release()), live.slot(), Trigger.START_UP, Result.ADOPTED,
                Stage.LIVE, "adopted", world.clock.now(), world.clock.now(), List.of()));
    }

    /** How the proxy goes out of reach, and for how long. */
    enum Outage {
        STOPPED_BRIEFLY(BRIEFLY, FakeRouter::stopFor),
        STOPPED_LONG(LONG, FakeRouter::stopFor),
        UNCONTROLLABLE_BRIEFLY(BRIEFLY, FakeRouter::loseControlFor),
        UNCONTROLLABLE_LONG(LONG, FakeRouter::loseControlFor);

        final Duration length;
        private final BiConsumer<FakeRouter, Duration> begin;

        Outage(Duration length, BiConsumer<FakeRouter, Duration> begin) {
            this.length = length;
            this.begin = begin;
        }

        void begin(FakeRouter router) {
            begin.accept(router, length);
        }
    }

    // Every stage that asks the proxy something; retiring only stops the old instance, whose drain was settled before.
    static Stream<Arguments> stagesAskingTheProxy() {
        return Stream.of(Stage.SWITCHING, Stage.VERIFYING, Stage.DRAINING)
                .flatMap(stage -> Stream.of(Outage.values()).map(outage -> Arguments.of(stage, outage)));
    }

    @ParameterizedTest(name = "proxy {1} from the start of {0}")
    @MethodSource("stagesAskingTheProxy")
    void whateverTheStageTheRunEndsJournaledAndTheNextCommitReleases(Stage stage, Outage outage) {
        Revision v2 = world.source.push("v2");

        Deployment ended = releaseWith(stage, () -> outage.begin(world.router));

        assertThat(world.store.inFlight()).isEmpty();
        HistoryEntry entry = lastAttemptAt(v2);
        Class<?> expected = switch (stage) {
            case SWITCHING -> Failed.class;
            case VERIFYING -> RolledBack.class;
            default -> Live.class;
        };
        assertThat(ended).isInstanceOf(expected);
        assertThat(entry.reason()).as("the history says the proxy was away").contains("proxy");
        world.clock.advance(outage.length);

        world.deployer().pollOnce();

        assertExactlyOneServes();
        assertTheNextCommitReleasesNormally();
    }

    @Nested
    class AtTheSwitch {

        @Test
        void aProxyOutOfReachIsARefusedSwitchAndTheNewInstanceStops() {
            Revision v2 = world.source.push("v2");

            Deployment ended = releaseWith(Stage.SWITCHING, () -> world.router.failNext(Call.SWITCH, 1));

            assertThat(ended).isInstanceOfSatisfying(Failed.class, failed -> {
                assertThat(failed.stage()).isEqualTo(Stage.SWITCHING);
                assertThat(failed.reason()).contains("the proxy could not be reached to switch");
            });
            assertThat(world.events.all()).contains("stop " + v2.shortSha() + " green");
            assertExactlyOneServes();
        }
    }

    @Nested
    class InTheWatchWindow {

        @Test
        void theIssuesMeasurement_haproxyStoppedForThreeSecondsSwitchesBackAndLaterReleasesStillWork() {
            Revision v2 = world.source.push("v2");

            Deployment ended = releaseWith(Stage.VERIFYING, () -> world.router.stopFor(BRIEFLY));

            assertThat(ended).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.reason())
                    .contains("could not be asked where it routes in the watch window")
                    .contains("switched back to").contains("once the proxy answered again"));
            assertThat(lastAttemptAt(v2).reason()).contains("the proxy could not be reached for 3000 ms while switching back");
            assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(v1);
            assertExactlyOneServes();
            assertTheNextCommitReleasesNormally();
            assertTheNextCommitReleasesNormally();
        }

        @Test
        void aSingleUnansweredQuestionSwitchesBack() {
            world.source.push("v2");

            Deployment ended = releaseWith(Stage.VERIFYING, () -> world.router.failNext(Call.CURRENT, 1));

            assertThat(ended).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.reason())
                    .contains("could not be asked where it routes").endsWith("switched back to " + world.store.live().orElseThrow().release()));
            assertExactlyOneServes();
        }

        @Test
        void aSwitchBackThatCannotReachTheProxyIsTriedAgainUntilItCan() {
            Revision v2 = world.source.push("v2");
            world.health.sickBehindProxy(v2);

            Deployment ended = releaseWith(Stage.VERIFYING, () -> world.router.failNext(Call.SWITCH, 4));

            assertThat(ended).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.reason())
                    .contains("failed behind the proxy").contains("once the proxy answered again"));
            assertThat(world.events.all()).containsSubsequence("unavailable SWITCH", "unavailable SWITCH",
                    "unavailable SWITCH", "unavailable SWITCH", "switch blue", "stop " + v2.shortSha() + " green");
            assertExactlyOneServes();
        }

        @Test
        void aRefusedSwitchBackLeavesTheJournalNamingWhereTheProxyRoutesAndNoReleaseLandsOnARunningSlot() {
            Revision v2 = world.source.push("v2");
            world.health.sickBehindProxy(v2);

            Deployment ended = releaseWith(Stage.VERIFYING, () -> world.router.failSwitches("nginx -t failed: unknown directive"));

            assertThat(ended).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.reason())
                    .contains("switching back to").contains("unknown directive")
                    .contains("the proxy still routes to " + world.slots.green()).contains("was stopped"));
            assertThat(world.store.live()).hasValueSatisfying(live -> {
                assertThat(live.release().revision()).isEqualTo(v2);
                assertThat(live.slot()).isEqualTo(world.slots.green());
            });
            assertExactlyOneServes();
        }

        @Test
        void whenTheProxyStaysAwayBothKeepRunningUntilItAnswersAndThenTheJournalFollowsIt() {
            Revision v2 = world.source.push("v2");

            Deployment ended = releaseWith(Stage.VERIFYING, () -> world.router.stopFor(LONG));

            assertThat(ended).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.reason())
                    .contains("the proxy cannot say where it routes").contains("both releases keep running"));
            assertThat(world.runtime.isListening(world.slots.blue())).isTrue();
            assertThat(world.runtime.isListening(world.slots.green())).isTrue();
            Revision v3 = world.source.push("v3");
            assertThat(world.deployer().pollOnce()).as("no release while the proxy is away").isEmpty();
            assertThat(world.events.all()).doesNotContain("start " + v3.shortSha() + " green", "start " + v3.shortSha() + " blue");
            assertThat(world.timeline.lines()).anyMatch(l -> l.startsWith("not releasing anything yet: ")
                    && l.contains(v2.shortSha()) && l.contains("still runs on " + world.slots.green()));

            world.clock.advance(LONG);
            Optional<Deployment> next = world.deployer().pollOnce();

            // The fake proxy comes back routing where the switch left it, as HAProxy does from its config file: v2
            // serves, so the journal records it live, v1 is retired, and v3 goes to the slot v1 left.
            assertThat(world.store.history()).anyMatch(e -> e.result() == Result.RECOVERED && e.revision().equals(v2)
                    && e.reason().contains("recorded"));
            assertThat(next).containsInstanceOf(Live.class);
            assertThat(world.store.live()).hasValueSatisfying(live -> {
                assertThat(live.release().revision()).isEqualTo(v3);
                assertThat(live.slot()).isEqualTo(world.slots.blue());
            });
            assertExactlyOneServes();
            assertTheNextCommitReleasesNormally();
        }

        @Test
        void theNewReleaseStaysRunningWhenTheProxyCannotConfirmItDrainedAfterTheSwitchBack() {
            Revision v2 = world.source.push("v2");
            world.health.sickBehindProxy(v2);
            world.router.drainAfterPolls(1);
            // Switched back at once; then the proxy goes away before it can say the new slot drained.
            world.timeline.whenStageStarts(Stage.VERIFYING, () -> world.clock.onPause(() -> {
                if (world.router.serving().equals(Optional.of(world.slots.blue())) && !world.router.outOfReach()) {
                    world.clock.onPause(() -> { });
                    world.router.stopFor(LONG);
                }
            }));

            Deployment ended = world.deployer().pollOnce().orElseThrow();

            assertThat(ended).isInstanceOfSatisfying(RolledBack.class, r -> assertThat(r.reason())
                    .contains("switched back to").contains("keeps running on " + world.slots.green()));
            assertThat(world.runtime.isListening(world.slots.green())).isTrue();
            world.clock.advance(LONG);
            world.deployer().pollOnce();
            assertExactlyOneServes();
            assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(v1);
        }
    }

    @Nested
    class WhileDraining {

        @Test
        void aProxyBackWithinTheDrainTimeoutRetiresTheOldReleaseAndTheHistorySaysItWasAway() {
            Revision v2 = world.source.push("v2");

            Deployment ended = releaseWith(Stage.DRAINING, () -> world.router.stopFor(BRIEFLY));

            assertThat(ended).isInstanceOf(Live.class);
            assertThat(lastAttemptAt(v2).result()).isEqualTo(Result.LIVE);
            assertThat(lastAttemptAt(v2).reason()).contains("the proxy could not be reached for 3000 ms while asking whether "
                    + world.slots.blue() + " drained");
            assertThat(world.events.all()).containsSubsequence("unavailable IS_DRAINED", "drained blue", "stop " + v1.shortSha() + " blue");
            assertExactlyOneServes();
        }

        @Test
        void aProxyStillAwayAtTheDrainTimeoutLeavesTheOldReleaseRunningUntilALaterPoll() {
            Revision v2 = world.source.push("v2");

            Deployment ended = releaseWith(Stage.DRAINING, () -> world.router.stopFor(LONG));

            assertThat(ended).isInstanceOf(Live.class);
            assertThat(world.events.all()).doesNotContain("stop " + v1.shortSha() + " blue");
            assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(v2);
            assertThat(lastAttemptAt(v2).reason()).contains("keeps running on " + world.slots.blue())
                    .contains("a later poll stops it");
            assertThat(world.deployer().pollOnce()).isEmpty();
            assertThat(world.runtime.isListening(world.slots.blue())).as("still unconfirmed").isTrue();

            world.clock.advance(LONG);
            world.deployer().pollOnce();

            assertExactlyOneServes();
            assertTheNextCommitReleasesNormally();
        }

        @Test
        void oneUnansweredDrainQuestionOnlyDelaysTheRetirement() {
            world.source.push("v2");
            world.timeline.whenStageStarts(Stage.DRAINING, () -> world.router.failNext(Call.IS_DRAINED, 1));

            assertThat(world.deployer().pollOnce()).containsInstanceOf(Live.class);

            assertThat(world.events.all()).containsSubsequence("unavailable IS_DRAINED", "drained blue", "stop " + v1.shortSha() + " blue");
            assertExactlyOneServes();
        }

        @Test
        void theOldReleaseIsNotStoppedWhenTheProxyCannotConfirmWhereItRoutes() {
            Revision v2 = world.source.push("v2");
            // While draining, the only question about routing is the last one, asked before the old release stops.
            world.timeline.whenStageStarts(Stage.DRAINING, () -> world.router.failNext(Call.CURRENT, 1));

            assertThat(world.deployer().pollOnce()).containsInstanceOf(Live.class);

            assertThat(world.runtime.isListening(world.slots.blue())).isTrue();
            assertThat(lastAttemptAt(v2).reason()).contains("could not confirm that it no longer routes to " + world.slots.blue());
            world.deployer().pollOnce();
            assertExactlyOneServes();
        }
    }

    @Nested
    class BeforePlanning {

        @Test
        void withNothingLiveAndTheProxyAwayNothingIsPlannedUntilItAnswers() {
            World fresh = new World();
            Revision first = fresh.source.push("first");
            fresh.router.stopFor(BRIEFLY);

            assertThat(fresh.deployer().pollOnce()).isEmpty();
            assertThat(fresh.timeline.lines()).anyMatch(l -> l.contains("the proxy cannot say which slot is idle"));

            fresh.clock.advance(BRIEFLY);
            assertThat(fresh.deployer().pollOnce()).containsInstanceOf(Live.class);
            assertThat(fresh.store.live().orElseThrow().release().revision()).isEqualTo(first);
        }

        @Test
        void aReleaseThatBrokeOffMidwayIsSettledBeforeTheNextIsPlanned() {
            Revision v2 = world.source.push("v2");
            ReleasePipeline breaking = new ReleasePipeline(world.source, world.installer, world.runtime, world.health,
                    world.router, world.store, world.workspace, world.hooks, world.clock, new BreakingTimeline(Stage.DRAINING), world.policy);
            Plan plan = new Plan(v2, world.slots.green(), world.store.live(), Trigger.POLL, world.clock.now());
            assertThatThrownBy(() -> breaking.run(new Detected(plan))).isInstanceOf(IllegalStateException.class);
            assertThat(world.store.inFlight()).isPresent();

            // The same agent polls on: it must not plan v3 onto green, where v2 runs, nor leave two releases up.
            Revision v3 = world.source.push("v3");
            world.deployer().pollOnce();

            assertThat(world.store.history()).anyMatch(e -> e.result() == Result.RECOVERED && e.revision().equals(v2));
            assertThat(world.store.history()).noneMatch(e -> e.result() == Result.FAILED);
            assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(v3);
            assertExactlyOneServes();
        }

        @Test
        void aDeploymentInFlightIsLeftInFlightAtStartUpWhileTheProxyIsAwayAndSettledOnceItAnswers() {
            Revision v2 = world.source.push("v2");
            ReleasePipeline breaking = new ReleasePipeline(world.source, world.installer, world.runtime, world.health,
                    world.router, world.store, world.workspace, world.hooks, world.clock, new BreakingTimeline(Stage.VERIFYING), world.policy);
            Plan plan = new Plan(v2, world.slots.green(), world.store.live(), Trigger.POLL, world.clock.now());
            assertThatThrownBy(() -> breaking.run(new Detected(plan))).isInstanceOf(IllegalStateException.class);
            world.router.stopFor(BRIEFLY);

            world.recovery(Optional.empty()).reconcile();

            assertThat(world.store.inFlight()).isPresent();
            assertThat(world.deployer().pollOnce()).isEmpty();
            world.clock.advance(BRIEFLY);
            world.deployer().pollOnce();
            assertThat(world.store.inFlight()).isEmpty();
            assertExactlyOneServes();
            assertTheNextCommitReleasesNormally();
        }
    }

    /** A bug or a broken disk: the timeline throws as the stage begins, after the journal says where the run was. */
    private static final class BreakingTimeline implements Timeline {
        private final Stage at;

        BreakingTimeline(Stage at) {
            this.at = at;
        }

        @Override
        public void stageStarted(Plan plan, Stage stage) {
            if (stage == at) {
                throw new IllegalStateException("No space left on device");
            }
        }
    }

    /** Releases the commit pushed last, with {@code trouble} striking the proxy as {@code stage} starts; how it ended. */
    private Deployment releaseWith(Stage stage, Runnable trouble) {
        world.timeline.whenStageStarts(stage, trouble);
        return world.deployer().pollOnce().orElseThrow();
    }

    private HistoryEntry lastAttemptAt(Revision revision) {
        return world.store.history().stream()
                .filter(e -> e.revision().equals(revision) && e.result() != Result.RECOVERED)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no history entry for " + revision.shortSha() + ": " + world.store.history()));
    }

    /** Exactly one slot runs: the one the proxy routes to and the journal names, with nothing in flight. */
    private void assertExactlyOneServes() {
        assertThat(world.store.inFlight()).isEmpty();
        LiveRelease live = world.store.live().orElseThrow();
        assertThat(world.router.current()).contains(live.slot());
        assertThat(world.runtime.runningIn(live.slot())).contains(live.release());
        assertThat(world.runtime.isListening(world.slots.other(live.slot())))
                .as("%s runs as well; timeline:%n%s", world.slots.other(live.slot()), String.join("\n", world.timeline.lines()))
                .isFalse();
    }

    private void assertTheNextCommitReleasesNormally() {
        LiveRelease before = world.store.live().orElseThrow();
        Revision next = world.source.push("next after " + before.release().revision().shortSha());

        assertThat(world.deployer().pollOnce()).containsInstanceOf(Live.class);

        LiveRelease after = world.store.live().orElseThrow();
        assertThat(after.release().revision()).isEqualTo(next);
        assertThat(after.slot()).isEqualTo(world.slots.other(before.slot()));
        assertExactlyOneServes();
    }
}
