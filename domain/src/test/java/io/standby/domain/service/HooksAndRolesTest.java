package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Deployment;
import io.standby.domain.model.Failed;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Hook;
import io.standby.domain.model.Live;
import io.standby.domain.model.Release;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Role;
import io.standby.domain.model.Stage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The team's hooks run at their points of the story, and each release knows the part it plays. */
class HooksAndRolesTest {

    private final World world = World.withLiveRelease();
    private final Release v1 = world.store.live().orElseThrow().release();

    @Nested
    class Hooks {

        @Test
        void runInTheirPlaceInTheStory() {
            Revision v2 = world.source.push("v2");

            world.deployer().pollOnce();

            String sha = v2.shortSha();
            assertThat(world.events.all()).containsSubsequence("export " + sha, "prepare " + sha, "install " + sha,
                    "hook after-install " + sha, "start " + sha + " green", "hook before-switch " + sha, "switch green",
                    "hook after-switch " + sha, "drained blue");
            assertThat(world.events.all()).doesNotContain("hook after-failure " + sha);
        }

        @Test
        void aFailingAfterInstallHookFailsTheReleaseBeforeAnythingStarts() {
            Revision v2 = world.source.push("v2");
            world.hooks.failAt(Hook.AFTER_INSTALL, "php bin/migrate exited with 1: SQLSTATE[42S01] table exists");

            HistoryEntry entry = failedAt(Stage.INSTALLING);

            assertThat(entry.reason()).isEqualTo("the after-install hook failed: php bin/migrate exited with 1:"
                    + " SQLSTATE[42S01] table exists");
            assertThat(world.events.all()).doesNotContain("start " + v2.shortSha() + " green")
                    .contains("hook after-failure " + v2.shortSha());
        }

        @Test
        void aFailingBeforeSwitchHookStopsTheNewInstanceAndNoRequestReachesIt() {
            Revision v2 = world.source.push("v2");
            world.hooks.failAt(Hook.BEFORE_SWITCH, "cache warm-up timed out after 30s");

            HistoryEntry entry = failedAt(Stage.SWITCHING);

            assertThat(entry.reason()).startsWith("the before-switch hook failed: cache warm-up timed out");
            assertThat(world.events.all()).contains("stop " + v2.shortSha() + " green").doesNotContain("switch green");
            assertThat(world.router.current()).contains(world.slots.blue());
        }

        @Test
        void aFailingAfterSwitchHookIsToldButTheReleaseGoesLive() {
            world.source.push("v2");
            world.hooks.failAt(Hook.AFTER_SWITCH, "curl https://ci.example/notify: exit 7");

            Optional<Deployment> ended = world.deployer().pollOnce();

            assertThat(ended).containsInstanceOf(Live.class);
            assertThat(world.store.history().get(0).reason()).contains("the after-switch hook failed: curl");
            assertThat(world.timeline.lines()).contains("the after-switch hook failed: curl https://ci.example/notify: exit 7");
        }

        @Test
        void aFailingAfterFailureHookIsAddedToTheReason() {
            Revision v2 = world.source.push("v2");
            world.health.sick(v2);
            world.hooks.failAt(Hook.AFTER_FAILURE, "pager unreachable");

            HistoryEntry entry = failedAt(Stage.CHECKING_HEALTH);

            assertThat(entry.reason()).contains("answered 500").contains("the after-failure hook failed: pager unreachable");
        }

        @Test
        void aReleaseThatCannotBePreparedFailsAtFetching() {
            world.source.push("v2");
            world.workspace.failPreparing("shared file .env is missing from /var/lib/standby/app/shared:"
                    + " create it there (it is linked into every release)");

            HistoryEntry entry = failedAt(Stage.FETCHING);

            assertThat(entry.reason()).startsWith("shared file .env is missing");
            assertThat(entry.release()).as("its files are on disk: the history names it").isPresent();
            assertThat(world.events.all()).as("the after-failure hook runs in it")
                    .contains("hook after-failure " + entry.revision().shortSha());
        }
    }

    @Nested
    class Roles {

        @Test
        void theNewReleaseIsACandidateUntilTheSwitchThenLiveAndTheOldOneDrains() {
            world.source.push("v2");
            Role[] atStart = new Role[1];
            world.timeline.whenStageStarts(Stage.CHECKING_HEALTH, () -> atStart[0] =
                    world.workspace.roleOf(world.runtime.runningIn(world.slots.green()).orElseThrow()).orElseThrow());

            world.deployer().pollOnce();

            Release v2 = world.store.live().orElseThrow().release();
            assertThat(atStart[0]).isEqualTo(Role.CANDIDATE);
            assertThat(world.workspace.roleOf(v2)).contains(Role.LIVE);
            assertThat(world.workspace.roleOf(v1)).contains(Role.DRAINING);
        }

        @Test
        void aSwitchBackMakesTheOldReleaseLiveAgain() {
            Revision v2 = world.source.push("v2");
            world.health.sickBehindProxy(v2);

            world.deployer().pollOnce();

            Release failed = world.store.history().get(0).release().orElseThrow();
            assertThat(world.store.history().get(0).result()).isEqualTo(Result.ROLLED_BACK);
            assertThat(world.workspace.roleOf(v1)).contains(Role.LIVE);
            assertThat(world.workspace.roleOf(failed)).contains(Role.DRAINING);
        }
    }

    private HistoryEntry failedAt(Stage stage) {
        Optional<Deployment> ended = world.deployer().pollOnce();
        assertThat(ended).containsInstanceOf(Failed.class);
        assertThat(world.router.current()).contains(world.slots.blue());
        assertThat(world.runtime.runningIn(world.slots.blue())).contains(v1);
        HistoryEntry entry = world.store.history().get(0);
        assertThat(entry.result()).isEqualTo(Result.FAILED);
        assertThat(entry.stage()).isEqualTo(stage);
        return entry;
    }
}
