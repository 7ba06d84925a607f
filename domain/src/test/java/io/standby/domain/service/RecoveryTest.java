package io.standby.domain.service;

import io.standby.domain.fakes.RecordingTimeline;
import io.standby.domain.fakes.World;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Live;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Detected;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.RequestRefusedException;
import io.standby.domain.port.out.Timeline;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryTest {

    /** Stands for SIGKILL: the agent dies at a chosen point and nothing after it runs. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed");
        }
    }

    /** A timeline that kills the agent as a stage begins (journal written, work not done) or ends (work done, journal not moved on). */
    static final class KillingTimeline implements Timeline {
        private final RecordingTimeline inner = new RecordingTimeline();
        private final Stage at;
        private final boolean afterTheWork;

        KillingTimeline(Stage at, boolean afterTheWork) {
            this.at = at;
            this.afterTheWork = afterTheWork;
        }

        @Override
        public void stageStarted(Plan plan, Stage stage) {
            if (stage == at && !afterTheWork) {
                throw new Killed();
            }
        }

        @Override
        public void stageSucceeded(Plan plan, Stage stage, Duration took) {
            if (stage == at && afterTheWork) {
                throw new Killed();
            }
        }

        @Override
        public void note(String message) {
            inner.note(message);
        }
    }

    private final World world = World.withLiveRelease();

    @Nested
    class AfterTheAgentWasKilled {

        @ParameterizedTest(name = "as {0} began")
        @EnumSource(value = Stage.class, names = {"FETCHING", "INSTALLING", "STARTING", "CHECKING_HEALTH", "SWITCHING",
                "VERIFYING", "DRAINING", "RETIRING"})
        void killedAsAStageBeganExactlyOneHealthyReleaseServes(Stage stage) {
            killAndRecover(stage, false);
        }

        @ParameterizedTest(name = "as {0} ended")
        @EnumSource(value = Stage.class, names = {"FETCHING", "INSTALLING", "STARTING", "CHECKING_HEALTH", "SWITCHING",
                "VERIFYING", "DRAINING", "RETIRING"})
        void killedAsAStageEndedExactlyOneHealthyReleaseServes(Stage stage) {
            killAndRecover(stage, true);
        }

        private void killAndRecover(Stage stage, boolean afterTheWork) {
            Revision v2 = world.source.push("v2");
            ReleasePipeline dying = new ReleasePipeline(world.source, world.installer, world.runtime, world.health,
                    world.router, world.store, world.workspace, world.hooks, world.clock, new KillingTimeline(stage, afterTheWork), world.policy);
            Plan plan = new Plan(v2, world.slots.green(), world.store.live(), Trigger.POLL, world.clock.now());
            assertThatThrownBy(() -> dying.run(new Detected(plan))).isInstanceOf(Killed.class);
            assertThat(world.store.inFlight()).hasValueSatisfying(f -> assertThat(f.stage()).isEqualTo(stage));

            world.recovery(Optional.empty()).reconcile();

            LiveRelease live = world.store.live().orElseThrow();
            assertThat(world.store.inFlight()).isEmpty();
            assertThat(world.router.current()).contains(live.slot());
            assertThat(world.runtime.runningIn(live.slot())).contains(live.release());
            assertThat(world.runtime.isListening(world.slots.other(live.slot()))).as("orphan in the idle slot").isFalse();
            assertThat(world.health.checkThroughProxy(live.release().revision()).isDone()).isTrue();
            HistoryEntry last = world.store.history().get(world.store.history().size() - 1);
            assertThat(last.result()).isIn(Result.LIVE, Result.RECOVERED);
            // Finished or undone, the history says what the restart found.
            assertThat(world.store.history()).filteredOn(e -> e.result() == Result.RECOVERED)
                    .singleElement().satisfies(e -> assertThat(e.stage()).isEqualTo(stage));
            if (last.result() == Result.RECOVERED) {
                assertThat(live.release().revision().message()).isEqualTo("v1");
                // The interruption was not the commit's fault: the next poll deploys it.
                assertThat(world.deployer().pollOnce()).containsInstanceOf(Live.class);
            } else {
                assertThat(live.release().revision()).isEqualTo(v2);
            }
        }
    }

    @Nested
    class OnFirstStart {

        private static final Path HAND_CLONED = Path.of("/srv/app/current");

        @Test
        void theInstanceTheProxyPointsAtIsAdoptedAsTheLiveRelease() {
            World fresh = new World();
            Revision handCloned = startedByHand(fresh);

            fresh.recovery(Optional.empty()).reconcile();

            assertThat(fresh.store.live()).hasValueSatisfying(live -> {
                assertThat(live.slot()).isEqualTo(fresh.slots.blue());
                assertThat(live.release().directory()).isEqualTo(HAND_CLONED);
                assertThat(live.release().revision()).isEqualTo(handCloned);
            });
            assertThat(fresh.store.history()).extracting(HistoryEntry::result).containsExactly(Result.ADOPTED);
        }

        @Test
        void theAdoptedInstanceIsStoppedFromItsOwnDirectoryAfterTheFirstRelease() {
            World fresh = new World();
            startedByHand(fresh);
            fresh.recovery(Optional.empty()).reconcile();
            fresh.source.push("v2");

            assertThat(fresh.deployer().pollOnce()).containsInstanceOf(Live.class);

            assertThat(fresh.runtime.isListening(fresh.slots.blue())).isFalse();
            assertThat(fresh.router.current()).contains(fresh.slots.green());
        }

        @Test
        void aRollbackToTheAdoptedInstanceSaysItIsNotKeptAndHowToReleaseItsCommitAgain() {
            World fresh = new World();
            Revision handCloned = startedByHand(fresh);
            fresh.recovery(Optional.empty()).reconcile();
            Release adopted = fresh.store.live().orElseThrow().release();
            fresh.source.push("v2");
            fresh.deployer().pollOnce();
            String instead = "is the instance Standby adopted at its first start (" + HAND_CLONED + "), which it did not"
                    + " install and does not start again; `standby deploy --revision " + handCloned.shortSha()
                    + "` releases its commit anew";

            assertThatThrownBy(() -> fresh.rollbacks().rollBack(Optional.empty()))
                    .isInstanceOf(RequestRefusedException.class)
                    .hasMessage("the release before the live one " + instead);
            assertThatThrownBy(() -> fresh.rollbacks().rollBack(Optional.of(adopted.id())))
                    .isInstanceOf(RequestRefusedException.class)
                    .hasMessage("cannot roll back to " + adopted.id() + ": it " + instead);
        }

        @Test
        void aRollbackToAReleaseThatNeverWentLiveOrIsUnknownSaysWhich() {
            World fresh = World.withLiveRelease();
            fresh.health.sick(fresh.source.push("v2"));
            fresh.deployer().pollOnce();
            ReleaseId failed = fresh.store.history().get(fresh.store.history().size() - 1).release().orElseThrow().id();

            assertThatThrownBy(() -> fresh.rollbacks().rollBack(Optional.of(failed)))
                    .hasMessage("cannot roll back to " + failed + ": it never went live; `standby history` lists the releases");
            assertThatThrownBy(() -> fresh.rollbacks().rollBack(Optional.of(new ReleaseId("20260101000000-abcdef0"))))
                    .hasMessage("cannot roll back to 20260101000000-abcdef0: no release of that name is in the history;"
                            + " `standby history` lists the releases");
        }

        @Test
        void aProxyThatRoutesToNeitherSlotAtStartIsReportedAndLeftAsTheOperatorSetIt() {
            World world = World.withLiveRelease();
            world.router.routeNowhere();

            world.recovery(Optional.empty()).reconcile();

            assertThat(world.router.current()).isEmpty();
            assertThat(world.timeline.lines()).anyMatch(l -> l.startsWith("the proxy routes to neither slot while the live"
                    + " release ") && l.contains("nothing serves through it. Fix: point the proxy at " + world.slots.blue()));
        }

        /** The tutorial's v1: cloned to /srv/app/current by hand and started on the blue port. */
        private Revision startedByHand(World fresh) {
            Revision handCloned = fresh.source.push("deployed by hand");
            fresh.source.workTree(HAND_CLONED, handCloned);
            fresh.runtime.alreadyRunning(new Release(ReleaseId.of(fresh.clock.now(), handCloned), handCloned, HAND_CLONED),
                    fresh.slots.blue());
            return handCloned;
        }

        @Test
        void anIdleSlotHeldByAForeignProcessIsReportedNotKilled() {
            World fresh = World.withLiveRelease();
            Slot green = fresh.slots.green();
            fresh.runtime.occupyByForeignProcess(green, Path.of("/opt/someone-else"));

            fresh.recovery(Optional.empty()).reconcile();

            assertThat(fresh.runtime.isListening(green)).isTrue();
            assertThat(fresh.timeline.lines()).anyMatch(l -> l.contains("port 9502 (idle slot green) is held by a process Standby did not start"));
        }
    }
}
