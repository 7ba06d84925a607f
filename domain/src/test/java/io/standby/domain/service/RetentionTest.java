package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Revision;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
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
    void theLogOfAnAdoptedInstanceGoesOnceItFallsOutOfTheKeptReleases() {
        World fresh = new World();
        Revision handCloned = fresh.source.push("deployed by hand");
        Path directory = Path.of("/srv/app/current");
        fresh.source.workTree(directory, handCloned);
        fresh.runtime.alreadyRunning(new Release(ReleaseId.of(fresh.clock.now(), handCloned), handCloned, directory),
                fresh.slots.blue());
        fresh.recovery(Optional.empty()).reconcile();
        ReleaseId adopted = fresh.store.live().orElseThrow().release().id();
        for (int i = 2; i <= 3; i++) {
            fresh.clock.advance(Duration.ofMinutes(1));
            fresh.source.push("v" + i);
            fresh.deployer().pollOnce();
        }
        assertThat(fresh.events.all()).doesNotContain("remove " + adopted);

        fresh.clock.advance(Duration.ofMinutes(1));
        fresh.source.push("v4");
        fresh.deployer().pollOnce();

        // Its directory is the operator's and stays; only what Standby wrote for it (its log) is removed.
        assertThat(fresh.events.all()).contains("remove " + adopted);
        assertThat(fresh.timeline.lines()).noneMatch(line -> line.contains("removed old release " + adopted));
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
