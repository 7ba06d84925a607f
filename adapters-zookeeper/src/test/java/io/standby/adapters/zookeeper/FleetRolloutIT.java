package io.standby.adapters.zookeeper;

import io.standby.domain.fakes.FleetHost;
import io.standby.domain.fakes.ManualClock;
import io.standby.domain.fakes.World;
import io.standby.domain.fleet.CanarySize;
import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.FleetView;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.Phase;
import io.standby.domain.fleet.RolloutPolicy;
import io.standby.domain.model.Hook;
import io.standby.domain.model.Revision;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Four servers in memory (proxies, slots, journals) whose agents coordinate through three real ZooKeeper servers. The
 * test steps the agents one at a time and, after every step, checks that no proxy points at a dead slot and that at
 * most K hosts are in flight, as the ensemble itself records what each host was told.
 */
class FleetRolloutIT {

    private static final int K = 2;
    private static final Duration SOAK = Duration.ofMinutes(1);
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final RolloutPolicy POLICY = new RolloutPolicy(K, new CanarySize.Hosts(1), SOAK, false, DEADLINE);

    @RegisterExtension
    static final Ensemble ensemble = new Ensemble();

    private final ManualClock clock = new ManualClock(World.START);
    private final String fleet = Ensemble.newFleet();
    private final List<FleetHost> hosts = new ArrayList<>();
    private final Map<HostName, ZooKeeperFleet> agents = new HashMap<>();
    // Hosts whose agent is not running (killed, or hung): their servers still serve, and are still checked.
    private final Set<HostName> down = new HashSet<>();
    private ZooKeeperFleet observer;
    private int mostInFlight;

    /** Thrown by a hook to stand for the agent's process dying there. */
    private static final class Killed extends RuntimeException {
        Killed() {
            super("SIGKILL");
        }
    }

    private void fleetOf(int size) {
        observer = ensemble.agent(fleet, "observer");
        for (int i = 1; i <= size; i++) {
            String name = "host-" + i;
            ZooKeeperFleet agent = ensemble.agent(fleet, name);
            agents.put(new HostName(name), agent);
            hosts.add(FleetHost.serving(name, clock, agent.coordination(), agent.leadership(), POLICY));
            // The first to join leads: wait for it, so that the leader is known.
            await().atMost(Duration.ofSeconds(20)).until(() -> agents.get(new HostName("host-1")).leadership().isLeader());
        }
    }

    private Revision pushEverywhere(String message) {
        return hosts.stream().map(host -> host.push(message)).reduce((a, b) -> b).orElseThrow();
    }

    private FleetHost host(int number) {
        return hosts.get(number - 1);
    }

    private FleetView truth() {
        return observer.coordination().view();
    }

    private void round() {
        for (FleetHost host : hosts) {
            if (down.contains(host.name)) {
                continue;
            }
            try {
                host.member.step();
            } catch (Killed e) {
                kill(host);
                continue;
            }
            check();
            host.leader.step();
            check();
        }
    }

    /** The agent's process is gone: its client dies with it, without leaving the fleet politely. */
    private void kill(FleetHost host) {
        down.add(host.name);
        agents.get(host.name).client().close();
    }

    /** Started again on the same server: it reconciles its journal with what runs, then joins with a new session. */
    private void restart(FleetHost host) {
        ZooKeeperFleet agent = ensemble.agent(fleet, host.name.value());
        agents.put(host.name, agent);
        hosts.set(hosts.indexOf(host), host.restarted(agent.coordination(), agent.leadership(), POLICY));
        down.remove(host.name);
    }

    private void check() {
        Map<HostName, io.standby.domain.fleet.Desired> desired = truth().desired();
        FleetHost.assertSafe(hosts, desired, K);
        long inFlight = hosts.stream().filter(h -> Optional.ofNullable(desired.get(h.name))
                .filter(d -> !h.serving().equals(Optional.of(d.commit()))).isPresent()).count();
        mostInFlight = Math.max(mostInFlight, (int) inFlight);
    }

    private void roundsUntil(BooleanSupplier condition) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                round();
                return condition.getAsBoolean();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the fleet did not get there: " + truth() + "\n"
                    + String.join("\n", hosts.stream().map(h -> h.name + ": " + h.world.timeline.lines()).toList()), e);
        }
    }

    private boolean phaseIs(Class<? extends Phase> kind) {
        return truth().rollout().map(r -> kind.isInstance(r.phase())).orElse(false);
    }

    private boolean told(FleetHost host, CommitId commit) {
        return truth().desiredOf(host.name).filter(d -> d.commit().equals(commit)).isPresent();
    }

    private List<Optional<CommitId>> serving() {
        return hosts.stream().map(FleetHost::serving).toList();
    }

    @Test
    void theLeaderKilledMidWaveHandsOverAndTheNextLeaderFinishesTheRollout() {
        fleetOf(4);
        CommitId v3 = CommitId.of(pushEverywhere("v3"));
        FleetHost leader = host(1);
        assertThat(truth().leader()).contains(leader.name);
        // Mid-wave: host-2 has switched, host-3 is about to, host-4 has not been told yet.
        host(3).world.hooks.whileRunning(Hook.BEFORE_SWITCH, () -> {
            host(3).world.hooks.whileRunning(Hook.BEFORE_SWITCH, () -> { });
            assertThat(told(host(4), v3)).isFalse();
            kill(leader);
        });
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        clock.advance(SOAK);

        roundsUntil(() -> down.contains(leader.name));
        roundsUntil(() -> truth().leader().filter(l -> !l.equals(leader.name)).isPresent());
        roundsUntil(() -> phaseIs(Phase.Done.class));
        assertThat(serving()).containsOnly(Optional.of(v3));
        assertThat(mostInFlight).isEqualTo(K);

        restart(leader);
        roundsUntil(() -> truth().members().contains(leader.name));
        round();
        assertThat(leader.serving()).contains(v3);
        assertThat(truth().leader()).isNotEqualTo(Optional.of(leader.name));
    }

    @Test
    void aHostKilledMidReleaseAndAnotherWhoseSessionExpiresMidSwitchBothEndOnTheNewCommit() {
        fleetOf(4);
        CommitId v2 = host(1).serving().orElseThrow();
        CommitId v3 = CommitId.of(pushEverywhere("v3"));
        // host-2 dies just before its switch: the new instance runs, the journal holds the release in flight.
        host(2).world.hooks.whileRunning(Hook.BEFORE_SWITCH, () -> {
            host(2).world.hooks.whileRunning(Hook.BEFORE_SWITCH, () -> { });
            throw new Killed();
        });
        // host-3's session expires right after its proxy switched, while it verifies the new release.
        host(3).world.hooks.whileRunning(Hook.AFTER_SWITCH, () -> {
            host(3).world.hooks.whileRunning(Hook.AFTER_SWITCH, () -> { });
            try {
                KillSession.kill(agents.get(host(3).name).client().getZookeeperClient().getZooKeeper());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        clock.advance(SOAK);

        roundsUntil(() -> down.contains(host(2).name));
        assertThat(host(2).serving()).as("died before its switch: still the old commit").contains(v2);
        roundsUntil(() -> host(3).serving().equals(Optional.of(v3)));
        assertThat(phaseIs(Phase.Done.class)).as("host-2 is still told v3 and away").isFalse();

        restart(host(2));
        roundsUntil(() -> phaseIs(Phase.Done.class));
        assertThat(serving()).containsOnly(Optional.of(v3));
        assertThat(mostInFlight).isLessThanOrEqualTo(K);
        assertThat(truth().members()).contains(host(2).name, host(3).name);
    }

    @Test
    void aCanaryThatFailsAbortsTheRolloutBeforeAnyOtherHostIsTold() {
        fleetOf(4);
        CommitId v2 = host(1).serving().orElseThrow();
        Revision v3 = pushEverywhere("v3");
        host(1).world.runtime.failBootOf(v3, "PHP Fatal error: Class \"Redis\" not found");

        roundsUntil(() -> phaseIs(Phase.Aborted.class));

        assertThat(serving()).containsOnly(Optional.of(v2));
        assertThat(truth().bad()).containsExactly(CommitId.of(v3));
        assertThat(hosts.subList(1, 4)).allSatisfy(h -> assertThat(told(h, CommitId.of(v3))).isFalse());
    }

    @Test
    void aHostThatMissesItsDeadlineAbortsTheRolloutAndEveryHostGoesBack() {
        fleetOf(4);
        CommitId v2 = host(1).serving().orElseThrow();
        CommitId v3 = CommitId.of(pushEverywhere("v3"));
        roundsUntil(() -> phaseIs(Phase.CanarySoak.class));
        // host-4's agent hangs: registered, but it never acts on what it is told.
        down.add(host(4).name);
        clock.advance(SOAK);
        roundsUntil(() -> told(host(4), v3));
        clock.advance(DEADLINE);

        roundsUntil(() -> phaseIs(Phase.Aborting.class));
        assertThat(((Phase.Aborting) truth().rollout().orElseThrow().phase()).reason()).contains("host-4", "deadline");
        down.remove(host(4).name);
        roundsUntil(() -> phaseIs(Phase.Aborted.class));

        assertThat(serving()).containsOnly(Optional.of(v2));
        assertThat(mostInFlight).isLessThanOrEqualTo(K);
        assertThat(truth().bad()).containsExactly(v3);
    }
}
