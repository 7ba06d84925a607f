package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Detected;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Trigger;
import io.standby.domain.model.Result;
import io.standby.domain.model.Stage;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notifications and metrics learn how each release ended from the timeline, exactly once and after the history. */
class EndingsTest {

    private final World world = World.withLiveRelease();

    @Test
    void aReleaseThatGoesLiveIsHeardOnceWithItsHistoryLine() {
        world.source.push("v2");

        world.deployer().pollOnce();

        assertThat(world.timeline.endings()).containsExactlyElementsOf(world.store.history());
        assertThat(world.timeline.endings()).singleElement().extracting(HistoryEntry::result).isEqualTo(Result.LIVE);
    }

    @Test
    void aReleaseThatFailsIsHeardWithItsStageAndReason() {
        world.health.sick(world.source.push("v2"));

        world.deployer().pollOnce();

        assertThat(world.timeline.endings()).singleElement().satisfies(entry -> {
            assertThat(entry.result()).isEqualTo(Result.FAILED);
            assertThat(entry.stage()).isEqualTo(Stage.CHECKING_HEALTH);
                assertThat(entry.reason()).contains("answered 500");
        });
    }

    @Test
    void aDeploymentRecoveredAfterTheAgentWasKilledIsHeardToo() {
        Revision v2 = world.source.push("v2");
        ReleasePipeline dying = new ReleasePipeline(world.source, world.installer, world.runtime, world.health,
                world.router, world.store, world.workspace, world.hooks, world.clock,
                new RecoveryTest.KillingTimeline(Stage.SWITCHING, false), world.policy);
        Plan plan = new Plan(v2, world.slots.green(), world.store.live(), Trigger.POLL, world.clock.now());
        assertThatThrownBy(() -> dying.run(new Detected(plan))).isInstanceOf(RecoveryTest.Killed.class);

        world.recovery(Optional.empty()).reconcile();

        assertThat(world.timeline.endings()).containsExactlyElementsOf(world.store.history());
        assertThat(world.timeline.endings()).extracting(HistoryEntry::result).contains(Result.RECOVERED);
    }
}
