package io.standby.domain.fleet;

import io.standby.domain.fakes.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The leader's decision alone, on fleets written out by hand. */
class ConductorTest {

    private static final Instant NOW = World.START;
    private static final CommitId OLD = new CommitId("a".repeat(40));
    private static final CommitId NEW = new CommitId("b".repeat(40));
    private static final RolloutPolicy POLICY = new RolloutPolicy(2, new CanarySize.Percent(20), Duration.ofMinutes(5),
            false, Duration.ofMinutes(10));

    private final Conductor conductor = new Conductor(POLICY);
    private final Map<HostName, Desired> desired = new HashMap<>();
    private final Map<HostName, HostReport> observed = new HashMap<>();

    private static HostName host(int i) {
        return new HostName("host-" + i);
    }

    private void serving(int i, CommitId commit, HostState state) {
        observed.put(host(i), new HostReport(host(i), Optional.empty(), Optional.empty(), Optional.of(commit),
                Optional.of("blue"), state, "", NOW));
    }

    private FleetView view(Optional<Rollout> rollout, int hosts) {
        Set<HostName> members = Set.copyOf(IntStream.rangeClosed(1, hosts).mapToObj(ConductorTest::host).toList());
        return new FleetView(rollout, rollout.isPresent() ? 0 : -1, members, Optional.of(host(1)), desired, observed,
                List.of(), Set.of());
    }

    private Rollout rolling() {
        return Rollout.begin(NEW, Optional.of(OLD), POLICY, List.of(host(1)), NOW).moveTo(new Phase.Rolling(NOW));
    }

    @Test
    void aNewHeadBeginsARolloutFromTheCommitMostHostsServeWithTheCanaryAShareOfTheFleet() {
        for (int i = 1; i <= 10; i++) {
            serving(i, OLD, HostState.SERVING);
        }
        FleetChange change = conductor.decide(view(Optional.empty(), 10), Optional.of(NEW), NOW);

        Rollout begun = change.rollout().orElseThrow();
        assertThat(begun.previous()).contains(OLD);
        assertThat(begun.canary()).containsExactly(host(1), host(10));
        assertThat(change.assign()).hasSize(10).allSatisfy((host, told) ->
                assertThat(told.commit()).isEqualTo(begun.canary().contains(host) ? NEW : OLD));
        assertThat(change.expectedVersion()).isEqualTo(-1);
    }

    @Test
    void neverMoreThanTheBatchSizeInFlightCountingHostsThatAreAway() {
        for (int i = 1; i <= 6; i++) {
            serving(i, OLD, HostState.SERVING);
        }
        // host-7 is away, told the new commit and not serving it: it holds one place.
        desired.put(host(7), new Desired(rolling().id(), NEW, NOW));
        serving(7, OLD, HostState.WORKING);

        FleetChange change = conductor.decide(view(Optional.of(rolling()), 6), Optional.of(NEW), NOW);

        assertThat(change.assign()).hasSize(1);
    }

    @Test
    void aPauseHoldsTheNewCommitButNeverTheWayBack() {
        for (int i = 1; i <= 4; i++) {
            serving(i, OLD, HostState.SERVING);
        }
        FleetChange held = conductor.decide(view(Optional.of(rolling().paused(true)), 4), Optional.of(NEW), NOW);
        assertThat(held.assign()).isEmpty();

        Rollout aborting = rolling().paused(true).moveTo(new Phase.Aborting("why", NOW));
        desired.put(host(2), new Desired(aborting.id(), NEW, NOW));
        serving(2, NEW, HostState.SERVING);
        FleetChange back = conductor.decide(view(Optional.of(aborting), 4), Optional.of(NEW), NOW);
        assertThat(back.assign()).containsKey(host(2));
        assertThat(back.assign().get(host(2)).commit()).isEqualTo(OLD);
    }

    @Test
    void aCommandForAnEarlierRolloutIsConsumedAndIgnored() {
        serving(1, OLD, HostState.SERVING);
        RolloutId earlier = new RolloutId("20260101000000-" + NEW.shortSha());
        FleetView view = new FleetView(Optional.of(rolling()), 0, Set.of(host(1)), Optional.of(host(1)), desired,
                observed, List.of(new PendingCommand("command-1", new FleetCommand.Abort(earlier, "old"))), Set.of());

        FleetChange change = conductor.decide(view, Optional.of(NEW), NOW);

        assertThat(change.consumed()).containsExactly("command-1");
        assertThat(change.rollout().map(Rollout::phase)).isEmpty();
        assertThat(change.notes()).anyMatch(n -> n.contains("ignored"));
    }

    @Test
    void whileGoingBackAHostAwayPastItsDeadlineIsNoLongerWaitedFor() {
        serving(1, OLD, HostState.SERVING);
        Rollout aborting = rolling().moveTo(new Phase.Aborting("why", NOW));
        desired.put(host(1), new Desired(aborting.id(), OLD, NOW));
        desired.put(host(9), new Desired(aborting.id(), NEW, NOW));
        serving(9, OLD, HostState.WORKING);

        FleetChange change = conductor.decide(view(Optional.of(aborting), 1), Optional.of(NEW), NOW.plus(Duration.ofMinutes(11)));

        assertThat(change.withdraw()).containsExactly(host(9));
        assertThat(change.rollout().orElseThrow().phase()).isInstanceOf(Phase.Aborted.class);
    }
}
