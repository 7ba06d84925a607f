package io.standby.domain.fleet;

import io.standby.domain.fakes.FleetHost;
import io.standby.domain.fakes.InMemoryFleet;
import io.standby.domain.fakes.ManualClock;
import io.standby.domain.fakes.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The leader reads the branch once an interval, and at once when a push is announced: a push speeds a rollout. */
class FleetLeaderPushTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock(World.START);
    private final InMemoryFleet fleet = new InMemoryFleet();
    private final InMemoryFleet.Agent agent = fleet.agent(new HostName("web-1"));
    private final RolloutPolicy policy = new RolloutPolicy(1, new CanarySize.Hosts(1), Duration.ofMinutes(5), false,
            Duration.ofMinutes(10));
    private final FleetHost host = FleetHost.serving("web-1", clock, agent, agent, policy);
    private final AtomicBoolean pushArrived = new AtomicBoolean();
    private final FleetLeader leader = new FleetLeader(agent, agent, host.world.source, new Conductor(policy), clock,
            host.world.timeline, HOUR, () -> pushArrived.getAndSet(false));

    @Test
    void aPushMakesTheLeaderReadTheBranchBeforeItsIntervalIsUp() {
        host.member.step();
        leader.step();
        CommitId pushed = CommitId.of(host.push("v3"));
        clock.advance(Duration.ofMinutes(1));

        leader.step();
        assertThat(fleet.truth().rollout()).as("an hour between two reads of the branch, and no push").isEmpty();

        pushArrived.set(true);
        leader.step();

        assertThat(fleet.truth().rollout()).hasValueSatisfying(rollout -> assertThat(rollout.commit()).isEqualTo(pushed));
        assertThat(pushArrived).as("the leader took the push").isFalse();
    }

    @Test
    void withoutAPushTheBranchIsReadAgainOnceTheIntervalIsUp() {
        host.member.step();
        leader.step();
        CommitId pushed = CommitId.of(host.push("v3"));
        clock.advance(HOUR);

        leader.step();

        assertThat(fleet.truth().rollout()).hasValueSatisfying(rollout -> assertThat(rollout.commit()).isEqualTo(pushed));
    }
}
