package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Deployment;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Live;
import io.standby.domain.model.PollingPolicy;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.RequestRefusedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingTest {

    private final World world = World.withLiveRelease();

    @Test
    void aBrokenCommitIsNotRetriedOnEveryPoll() {
        Revision broken = world.source.push("broken");
        world.installer.failFor(broken, "composer.json is not valid JSON");

        world.deployer().pollOnce();
        Deployer deployer = world.deployer();
        assertThat(deployer.pollOnce()).isEmpty();
        assertThat(deployer.pollOnce()).isEmpty();

        assertThat(world.store.history()).hasSize(1);
        assertThat(world.timeline.lines()).filteredOn(l -> l.startsWith("not deploying " + broken.shortSha())).hasSize(1);
    }

    @Test
    void aReleaseAPushStartedSaysSoInTheJournalAndOneAPollFoundSaysPoll() {
        AtomicBoolean pushArrived = new AtomicBoolean();
        Deployer deployer = world.deployer(() -> pushArrived.getAndSet(false));
        Revision pushed = world.source.push("announced by the forge");
        pushArrived.set(true);

        assertThat(deployer.pollOnce()).containsInstanceOf(Live.class);
        Revision found = world.source.push("found by the next poll");
        assertThat(deployer.pollOnce()).containsInstanceOf(Live.class);

        assertThat(world.store.history()).filteredOn(e -> e.revision().equals(pushed)).extracting(HistoryEntry::trigger)
                .containsExactly(Trigger.PUSH);
        assertThat(world.store.history()).filteredOn(e -> e.revision().equals(found)).extracting(HistoryEntry::trigger)
                .containsExactly(Trigger.POLL);
    }

    @Test
    void aNewerCommitAfterABrokenOneIsDeployed() {
        Revision broken = world.source.push("broken");
        world.installer.failFor(broken, "composer.json is not valid JSON");
        world.deployer().pollOnce();
        Revision fixed = world.source.push("fixed");

        Optional<Deployment> ended = world.deployer().pollOnce();

        assertThat(ended).containsInstanceOf(Live.class);
        assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(fixed);
    }

    @Test
    void anOperatorCanForceAKnownBadCommit() {
        Revision flaky = world.source.push("flaky");
        world.health.sick(flaky);
        world.deployer().pollOnce();
        // The environment was fixed (a database came back, say); the commit itself was fine all along.
        world.health.recovered(flaky);
        assertThat(world.deployer().pollOnce()).isEmpty();

        Deployment forced = world.deployer().deploy(Optional.of(flaky.shortSha()));

        assertThat(forced).isInstanceOf(Live.class);
        assertThat(world.store.live().orElseThrow().release().revision()).isEqualTo(flaky);
    }

    @Test
    void anUnknownCommitIdIsRefusedWithTheFix() {
        assertThatThrownBy(() -> world.deployer().deploy(Optional.of("deadbee")))
                .hasMessageContaining("no commit 'deadbee'").hasMessageContaining("git log");
    }

    @Test
    void anAmbiguousCommitIdIsTheOperatorsToFixAndNamesTheCandidates() {
        Revision first = world.source.push("first");
        for (int i = 0; i < 255; i++) {
            world.source.push("filler " + i);
        }
        Revision twin = world.source.push("twin");
        assertThat(twin.sha()).startsWith(first.sha().substring(0, 10)).isNotEqualTo(first.sha());
        var liveBefore = world.store.live();

        assertThatThrownBy(() -> world.deployer().deploy(Optional.of(first.sha().substring(0, 4))))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("commit id '" + first.sha().substring(0, 4) + "' is ambiguous: 2 commits start with it")
                .hasMessageContaining(twin.sha().substring(0, 11) + " \"twin\", " + first.sha().substring(0, 11) + " \"first\"")
                .hasMessageContaining("give more of its digits, such as `standby deploy --revision " + twin.sha().substring(0, 11) + "`");
        assertThat(world.store.live()).isEqualTo(liveBefore);
        assertThat(world.store.inFlight()).isEmpty();
        assertThat(world.events.all()).noneMatch(e -> e.startsWith("export"));
    }

    @Test
    void anUnreachableRepositoryIsRecordedForStatusAndTheLiveReleaseKeepsServing() {
        world.source.push("v2");
        world.source.unreachable("connection refused by git.example.com");

        assertThat(world.deployer().pollOnce()).isEmpty();
        world.deployer().pollOnce();

        assertThat(world.reports().status().source()).hasValueSatisfying(s -> {
            assertThat(s.failuresInARow()).isEqualTo(2);
            assertThat(s.problem()).hasValueSatisfying(p -> assertThat(p).contains("connection refused"));
        });
        assertThat(world.router.current()).contains(world.slots.blue());

        world.source.reachable();
        assertThat(world.deployer().pollOnce()).containsInstanceOf(Live.class);
        assertThat(world.reports().status().source()).hasValueSatisfying(s -> assertThat(s.problem()).isEmpty());
    }

    @Test
    void theNextTryIsToldExactlyWhenThePauseIsNotWholeSeconds() {
        World quick = World.withLiveRelease();
        quick.source.unreachable("timeout");
        Deployer deployer = new Deployer(quick.source, quick.store, quick.pipeline(), quick.recovery(Optional.empty()),
                quick.slots, quick.router, quick.clock, quick.timeline,
                new PollingPolicy(Duration.ofMillis(250), Duration.ofSeconds(2)));

        deployer.pollOnce();

        // One failure doubles the 250ms interval; "0s" would read as "at once".
        assertThat(quick.timeline.lines()).anyMatch(l -> l.contains("next try in 500ms"));
    }

    @Test
    void pollingBacksOffWhileTheRepositoryFailsAndStopsWhenInterrupted() {
        world.source.unreachable("timeout");
        java.util.List<java.time.Instant> polls = new java.util.ArrayList<>();
        world.clock.onPause(() -> {
            polls.add(world.clock.now());
            if (polls.size() == 4) {
                Thread.currentThread().interrupt();
            }
        });

        world.deployer().pollUntilInterrupted();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(polls).hasSize(4);
        // Each failure doubles the 10s interval: 20s, 40s, 80s, 160s.
        assertThat(Duration.between(polls.get(0), polls.get(1))).isEqualTo(Duration.ofSeconds(40));
        assertThat(Duration.between(polls.get(1), polls.get(2))).isEqualTo(Duration.ofSeconds(80));
        assertThat(Duration.between(polls.get(2), polls.get(3))).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void theBackOffDoublesUpToItsCeiling() {
        PollingPolicy policy = new PollingPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60));

        assertThat(policy.pauseAfter(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.pauseAfter(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.pauseAfter(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.pauseAfter(50)).isEqualTo(Duration.ofSeconds(60));
    }
}
