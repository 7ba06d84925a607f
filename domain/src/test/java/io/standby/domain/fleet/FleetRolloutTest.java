package io.standby.domain.fleet;

import io.standby.domain.fakes.FleetHost;
import io.standby.domain.fakes.InMemoryFleet;
import io.standby.domain.fakes.ManualClock;
import io.standby.domain.fakes.World;
import io.standby.domain.model.Hook;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.in.RequestRefusedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Five servers in memory behind one in-memory coordination, stepped one agent at a time, checked between any two steps. */
class FleetRolloutTest {

    private static final int K = 2;
    private static final Duration SOAK = Duration.ofMinutes(5);
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock(World.START);
    private final InMemoryFleet fleet = new InMemoryFleet();
    private final Map<HostName, InMemoryFleet.Agent> agents = new LinkedHashMap<>();
    private final List<FleetHost> hosts = new ArrayList<>();
    private RolloutPolicy policy = new RolloutPolicy(K, new CanarySize.Hosts(1), SOAK, false, DEADLINE);
    private int mostInFlight;

    private void fleetOf(int size) {
        for (int i = 1; i <= size; i++) {
            addHost("host-" + i);
        }
    }

    private FleetHost addHost(String name) {
        InMemoryFleet.Agent agent = fleet.agent(new HostName(name));
        FleetHost host = FleetHost.serving(name, clock, agent, agent, policy);
        agents.put(host.name, agent);
        hosts.add(host);
        return host;
    }

    private CommitId pushEverywhere(String message) {
        return CommitId.of(pushRevision(message));
    }

    /** Every server's mirror gets the same commit, under the same id. */
    private Revision pushRevision(String message) {
        return hosts.stream().map(host -> host.push(message)).reduce((a, b) -> b).orElseThrow();
    }

    private FleetHost host(int number) {
        return hosts.get(number - 1);
    }

    /** One round: every agent's member steps, then every leader; the promises are checked after each step. */
    private void round() {
        for (FleetHost host : hosts) {
            host.member.step();
            check();
            host.leader.step();
            check();
        }
    }

    private void check() {
        Map<HostName, Desired> desired = fleet.truth().desired();
        FleetHost.assertSafe(hosts, desired, K);
        long inFlight = hosts.stream().filter(h -> Optional.ofNullable(desired.get(h.name))
                .filter(d -> !h.serving().equals(Optional.of(d.commit()))).isPresent()).count();
        mostInFlight = Math.max(mostInFlight, (int) inFlight);
    }

    private void roundsUntil(BooleanSupplier condition) {
        for (int i = 0; i < 40 && !condition.getAsBoolean(); i++) {
            round();
        }
        assertThat(condition.getAsBoolean()).as("reached within 40 rounds; rollout: %s", fleet.truth().rollout()).isTrue();
    }

    private Phase phase() {
        return fleet.truth().rollout().orElseThrow().phase();
    }

    private boolean phaseIs(Class<? extends Phase> kind) {
        return fleet.truth().rollout().map(r -> kind.isInstance(r.phase())).orElse(false);
    }

    private List<Optional<CommitId>> serving() {
        return hosts.stream().map(FleetHost::serving).toList();
    }

    @Test
    void theCanaryGoesFirstAndSoaksThenTheRestFollowNeverMoreThanKAtATime() {
        fleetOf(5);
        CommitId v2 = hosts.get(0).serving().orElseThrow();
        CommitId v3 = pushEverywhere("v3");

        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        assertThat(host(1).serving()).contains(v3);
        assertThat(hosts.subList(1, 5)).allSatisfy(h -> assertThat(h.serving()).contains(v2));

        for (int i = 0; i < 3; i++) {
            round();
        }
        assertThat(phase()).as("the soak is not over before its time").isInstanceOf(Phase.CanarySoak.class);
        assertThat(hosts.subList(1, 5)).allSatisfy(h -> assertThat(h.serving()).contains(v2));

        clock.advance(SOAK);
        roundsUntil(() -> phaseIs(Phase.Done.class));
        assertThat(serving()).containsOnly(Optional.of(v3));
        assertThat(mostInFlight).as("the waves used the whole batch, and never more").isEqualTo(K);
        assertThat(fleet.truth().observed().values()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(HostState.SERVING);
            assertThat(r.serving()).contains(v3);
        });
    }

    @Test
    void aCanaryThatFailsAbortsTheRolloutAndNoOtherHostEverGetsTheCommit() {
        fleetOf(5);
        CommitId v2 = host(1).serving().orElseThrow();
        Revision v3 = pushRevision("v3");
        host(1).world.runtime.failBootOf(v3, "PHP Fatal error: Class \"Redis\" not found");

        roundsUntil(() -> phaseIs(Phase.Aborted.class));

        assertThat(serving()).containsOnly(Optional.of(v2));
        assertThat(fleet.badCommits()).singleElement().satisfies(bad -> {
            assertThat(bad.commit()).isEqualTo(CommitId.of(v3));
            assertThat(bad.reason()).contains("host-1").contains("Redis");
        });
        assertThat(hosts.subList(1, 5)).allSatisfy(h ->
                assertThat(h.world.events.all()).noneMatch(e -> e.equals("install " + v3.shortSha())));
        assertThat(fleet.truth().desired().values()).noneMatch(d -> d.commit().is(v3));

        round();
        assertThat(fleet.truth().rollout().orElseThrow().commit()).as("a bad head starts nothing").isEqualTo(CommitId.of(v3));

        CommitId v4 = pushEverywhere("v4");
        round();
        assertThat(fleet.truth().rollout().orElseThrow().commit()).isEqualTo(v4);
        assertThat(fleet.truth().rollout().orElseThrow().previous()).contains(v2);
    }

    @Test
    void aFailureMidWaveSendsEverySwitchedHostBackKAtATimeByFlippingToTheWarmRelease() {
        fleetOf(5);
        CommitId v2 = host(1).serving().orElseThrow();
        Revision v3 = pushRevision("v3");
        // Answers on its own port, fails once traffic reaches it: the host switches, then back by itself.
        host(5).world.health.sickBehindProxy(v3);
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        clock.advance(SOAK);

        roundsUntil(() -> phaseIs(Phase.Aborting.class));
        assertThat(((Phase.Aborting) phase()).reason()).contains("host-5");
        roundsUntil(() -> phaseIs(Phase.Aborted.class));
        round();

        assertThat(serving()).containsOnly(Optional.of(v2));
        assertThat(mostInFlight).isLessThanOrEqualTo(K);
        String v2Start = "start " + v2.shortSha();
        for (FleetHost h : hosts.subList(0, 4)) {
            List<String> events = h.world.events.all();
            assertThat(events).as("%s went back by a flip to the warm v2, not a start", h.name)
                    .filteredOn(e -> e.startsWith(v2Start)).hasSize(1);
            Slot idle = h.world.slots.other(h.world.router.serving().orElseThrow());
            assertThat(h.world.runtime.runningIn(idle)).as("once aborted, %s retired the bad release", h.name).isEmpty();
        }
    }

    @Test
    void aHostThatMissesItsDeadlineAbortsTheRollout() {
        fleetOf(3);
        CommitId v2 = host(1).serving().orElseThrow();
        CommitId v3 = pushEverywhere("v3");
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        clock.advance(SOAK);
        // host-3's agent hangs: it neither steps nor reports, but stays registered.
        FleetHost stuck = hosts.remove(2);
        roundsUntil(() -> fleet.truth().desiredOf(stuck.name).filter(d -> d.commit().equals(v3)).isPresent());
        clock.advance(DEADLINE);

        roundsUntil(() -> phaseIs(Phase.Aborting.class));
        assertThat(((Phase.Aborting) phase()).reason()).contains("host-3").contains("deadline");
        hosts.add(stuck);
        roundsUntil(() -> phaseIs(Phase.Aborted.class));
        assertThat(serving()).containsOnly(Optional.of(v2));
        assertThat(stuck.world.events.all()).noneMatch(e -> e.startsWith("install " + v3.shortSha()));
    }

    @Test
    void aHostThatJoinsAfterTheRolloutConvergesToTheFleetsLastGoodCommit() {
        fleetOf(3);
        CommitId v3 = pushEverywhere("v3");
        clock.advance(SOAK);
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        clock.advance(SOAK);
        roundsUntil(() -> phaseIs(Phase.Done.class));

        FleetHost late = addHost("host-9");
        late.push("v3");
        assertThat(late.serving()).isNotEqualTo(Optional.of(v3));
        roundsUntil(() -> late.serving().equals(Optional.of(v3)));
        assertThat(phase()).isInstanceOf(Phase.Done.class);
    }

    @Test
    void aPromotionIsAwaitedWhenAskedForAndPauseHoldsTheNextWave() {
        policy = new RolloutPolicy(1, new CanarySize.Hosts(1), SOAK, true, DEADLINE);
        fleetOf(3);
        CommitId v3 = pushEverywhere("v3");
        SteerFleet operator = new FleetOperator(agents.get(host(3).name));
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        clock.advance(SOAK);
        roundsUntil(() -> phaseIs(Phase.AwaitingPromotion.class));
        for (int i = 0; i < 3; i++) {
            round();
        }
        assertThat(host(2).serving()).isNotEqualTo(Optional.of(v3));

        operator.promote();
        roundsUntil(() -> phaseIs(Phase.Rolling.class));
        operator.pause();
        roundsUntil(() -> fleet.truth().rollout().orElseThrow().paused());
        for (int i = 0; i < 4; i++) {
            round();
        }
        long onV3 = serving().stream().filter(Optional.of(v3)::equals).count();
        assertThat(onV3).as("paused: the wave in flight finished, no new one left").isLessThan(3);

        operator.resume();
        roundsUntil(() -> phaseIs(Phase.Done.class));
        assertThat(serving()).containsOnly(Optional.of(v3));
        assertThatThrownBy(operator::pause).isInstanceOf(RequestRefusedException.class).hasMessageContaining("done");
    }

    @Test
    void anOperatorsAbortSendsTheFleetBackAndMarksTheCommitBad() {
        fleetOf(3);
        CommitId v2 = host(1).serving().orElseThrow();
        CommitId v3 = pushEverywhere("v3");
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));

        new FleetOperator(agents.get(host(2).name)).abort("latency doubled on the canary");
        roundsUntil(() -> phaseIs(Phase.Aborted.class));

        assertThat(serving()).containsOnly(Optional.of(v2));
        assertThat(((Phase.Aborted) phase()).reason()).contains("operator").contains("latency doubled");
        assertThat(fleet.truth().bad()).containsExactly(v3);
        assertThat(fleet.truth().commands()).isEmpty();
    }

    @Test
    void aHostOutOfTouchJustBeforeItsSwitchDoesNotSwitchAndGoesOnOnceBack() {
        fleetOf(3);
        CommitId v2 = host(1).serving().orElseThrow();
        CommitId v3 = pushEverywhere("v3");
        InMemoryFleet.Agent canary = agents.get(host(1).name);
        host(1).world.hooks.whileRunning(Hook.BEFORE_SWITCH, canary::suspend);
        int before = host(1).world.events.all().size();

        roundsUntil(() -> host(1).world.events.all().contains("hook before-switch " + v3.shortSha()));
        assertThat(host(1).serving()).contains(v2);
        List<String> since = host(1).world.events.all().subList(before, host(1).world.events.all().size());
        assertThat(since).noneMatch(e -> e.startsWith("switch")).contains("stop " + v3.shortSha() + " blue");
        assertThat(fleet.truth().observed().get(host(1).name).state()).as("not reported as failed").isEqualTo(HostState.WORKING);
        for (int i = 0; i < 3; i++) {
            round();
        }
        assertThat(host(1).serving()).as("suspended: no new step").contains(v2);
        assertThat(phase()).isInstanceOf(Phase.Canary.class);

        host(1).world.hooks.whileRunning(Hook.BEFORE_SWITCH, () -> { });
        canary.reconnect();
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        assertThat(host(1).serving()).contains(v3);
    }

    @Test
    void aLostSessionStopsNothingAndTheHostReRegistersAndReportsOnReconnect() {
        fleetOf(3);
        CommitId v2 = host(1).serving().orElseThrow();
        InMemoryFleet.Agent second = agents.get(host(2).name);
        round();
        second.expire();
        int before = host(2).world.events.all().size();
        CommitId v3 = pushEverywhere("v3");
        for (int i = 0; i < 3; i++) {
            round();
        }
        assertThat(fleet.registered()).doesNotContain(host(2).name);
        assertThat(host(2).serving()).contains(v2);
        assertThat(host(2).world.events.all().subList(before, host(2).world.events.all().size())).isEmpty();

        second.reconnect();
        roundsUntil(() -> fleet.registered().contains(host(2).name)
                && fleet.truth().observed().get(host(2).name).at().equals(clock.now()));
        clock.advance(SOAK);
        roundsUntil(() -> phaseIs(Phase.Done.class));
        assertThat(serving()).containsOnly(Optional.of(v3));
    }

    @Test
    void aLeaderThatLostItsSessionCannotWriteAndTheNextLeaderFinishesTheRollout() {
        fleetOf(3);
        CommitId v3 = pushEverywhere("v3");
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        InMemoryFleet.Agent first = agents.get(host(1).name);
        FleetView seen = first.view();
        first.expire();

        assertThat(first.isLeader()).isFalse();
        first.reconnect();
        FleetChange stale = new FleetChange(seen.rolloutVersion(), seen.rollout().map(r -> r.paused(true)), Map.of(),
                java.util.Set.of(), List.of(), List.of(), List.of());
        assertThat(first.apply(stale).isDone()).as("its election place is new, and not the oldest").isFalse();
        assertThat(fleet.truth().leader()).contains(host(2).name);

        clock.advance(SOAK);
        roundsUntil(() -> phaseIs(Phase.Done.class));
        assertThat(serving()).containsOnly(Optional.of(v3));
    }
}
