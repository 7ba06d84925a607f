package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTest {

    private final World world = World.withLiveRelease();

    @Test
    void onlyTheNewestReleasesStayOnDisk() {
        List<ReleaseId> released = new ArrayList<>();
        for (int i = 2; i <= 7; i++) {
            world.source.push("v" + i);
            world.deployer().pollOnce();
            released.add(world.store.live().orElseThrow().release().id());
            world.clock.advance(java.time.Duration.ofMinutes(1));
        }

        assertThat(world.workspace.present()).containsExactlyInAnyOrderElementsOf(released.subList(3, 6));
    }

    @Test
    void theRollbackTargetIsKeptEvenWhenOlderThanTheLimit() {
        world.source.push("v2");
        world.deployer().pollOnce();
        Release good = world.store.live().orElseThrow().release();
        // Three broken releases in a row push good below the limit of three kept releases.
        for (int i = 3; i <= 5; i++) {
            world.clock.advance(java.time.Duration.ofMinutes(1));
            world.installer.failFor(world.source.push("broken" + i), "broken");
            world.deployer().pollOnce();
        }
        world.clock.advance(java.time.Duration.ofMinutes(1));
        world.source.push("v6");
        world.deployer().pollOnce();

        assertThat(world.workspace.present()).contains(good.id(), world.store.live().orElseThrow().release().id());
        assertThat(world.rollbacks().rollBack(Optional.empty())).isInstanceOf(io.standby.domain.model.Live.class);
        assertThat(world.store.live().orElseThrow().release()).isEqualTo(good);
    }
}
