package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Deployment;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Live;
import io.standby.domain.model.Release;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.RequestRefusedException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollbackTest {

    private final World world = World.withLiveRelease();

    @Test
    void rollingBackReturnsToThePreviousReleaseWithoutReinstalling() {
        Revision v2 = world.source.push("v2");
        world.deployer().pollOnce();
        Release releaseOfV2 = world.store.live().orElseThrow().release();
        Revision v3 = world.source.push("v3");
        world.deployer().pollOnce();

        Deployment ended = world.rollbacks().rollBack(Optional.empty());

        assertThat(ended).isInstanceOf(Live.class);
        assertThat(world.store.live().orElseThrow().release()).isEqualTo(releaseOfV2);
        assertThat(world.events.all()).filteredOn(e -> e.equals("install " + v2.shortSha())).hasSize(1);
        assertThat(world.events.all()).containsSubsequence("start " + v2.shortSha() + " green", "switch green",
                "stop " + v3.shortSha() + " blue");
    }

    @Test
    void theReleaseRolledAwayFromIsNotDeployedAgainUntilANewerCommit() {
        world.source.push("v2");
        world.deployer().pollOnce();
        Revision v3 = world.source.push("v3");
        world.deployer().pollOnce();
        world.rollbacks().rollBack(Optional.empty());

        assertThat(world.deployer().pollOnce()).isEmpty();
        assertThat(world.store.history()).last().satisfies(e -> {
            assertThat(e.result()).isEqualTo(Result.ROLLED_AWAY);
            assertThat(e.revision()).isEqualTo(v3);
        });

        Revision v4 = world.source.push("v4");
        assertThat(world.deployer().pollOnce()).containsInstanceOf(Live.class);
        assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(v4);
    }

    @Test
    void rollingBackToANamedRelease() {
        Release second = released("v2");
        released("v3");
        released("v4");

        world.rollbacks().rollBack(Optional.of(second.id()));

        assertThat(world.store.live().orElseThrow().release()).isEqualTo(second);
        assertThat(world.store.history()).filteredOn(e -> e.trigger() == Trigger.ROLLBACK)
                .extracting(HistoryEntry::result).containsExactly(Result.LIVE, Result.ROLLED_AWAY);
    }

    @Test
    void aRollbackWithNothingKeptIsRefusedWithTheAlternative() {
        assertThatThrownBy(() -> world.rollbacks().rollBack(Optional.empty()))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("no earlier release is kept").hasMessageContaining("standby deploy --revision");
    }

    @Test
    void aRefusedRollbackNamesTheRemovedReleaseItWouldHaveChosenAndThenTheRolledAwayOnes() {
        Release v2 = released("v2");
        Release v3 = released("v3");
        released("v4");
        world.rollbacks().rollBack(Optional.empty());
        // keep-releases let v2 go; v4 was rolled away from; v3 is live.
        world.workspace.remove(v2);

        assertThatThrownBy(() -> world.rollbacks().rollBack(Optional.empty()))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessage("the release before the live one, " + v2.id() + ", was removed from disk (keep-releases keeps"
                        + " the newest ones); deploy its commit instead: `standby deploy --revision "
                        + v2.revision().shortSha() + "`");
        assertThat(world.store.live().orElseThrow().release()).isEqualTo(v3);
    }

    @Test
    void aRollbackToTheLiveReleaseIsRefused() {
        world.source.push("v2");
        world.deployer().pollOnce();
        Release live = world.store.live().orElseThrow().release();

        assertThatThrownBy(() -> world.rollbacks().rollBack(Optional.of(live.id())))
                .isInstanceOf(RequestRefusedException.class).hasMessageContaining("is the live release");
    }

    /** Pushes a commit and lets one poll release it: the release that is live then. */
    private Release released(String message) {
        world.source.push(message);
        world.deployer().pollOnce();
        return world.store.live().orElseThrow().release();
    }
}
