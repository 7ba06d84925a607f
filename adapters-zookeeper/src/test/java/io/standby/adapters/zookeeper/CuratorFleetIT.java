package io.standby.adapters.zookeeper;

import io.standby.domain.fakes.FleetHost;
import io.standby.domain.fakes.ManualClock;
import io.standby.domain.fakes.World;
import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.Connection;
import io.standby.domain.fleet.FleetChange;
import io.standby.domain.fleet.FleetView;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.HostReport;
import io.standby.domain.fleet.HostState;
import io.standby.domain.fleet.Rollout;
import io.standby.domain.fleet.RolloutPolicy;
import io.standby.domain.model.Outcome;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The coordination itself against three real ZooKeeper servers: leadership, fencing, quorum loss and return. */
class CuratorFleetIT {

    private static final CommitId V1 = new CommitId("1".repeat(40));
    private static final CommitId V2 = new CommitId("2".repeat(40));

    @RegisterExtension
    static final Ensemble ensemble = new Ensemble();

    /** An agent that has joined the fleet and won its election, as the first to join does. */
    private static ZooKeeperFleet leaderOf(String fleet, String host) {
        ZooKeeperFleet agent = ensemble.agent(fleet, host);
        agent.coordination().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.leadership().isLeader());
        return agent;
    }

    /** A rollout of V2 to host-a alone, which serves V1. */
    private static Rollout hostAFromV1ToV2() {
        return Rollout.begin(V2, Optional.of(V1), RolloutPolicy.defaults(), List.of(new HostName("host-a")), World.START);
    }

    private static HostReport serving(String host, CommitId commit) {
        return new HostReport(new HostName(host), Optional.empty(), Optional.empty(), Optional.of(commit),
                Optional.of("blue"), HostState.SERVING, "", World.START);
    }

    @Test
    void leadershipMovesWhenTheLeadersSessionIsKilledAndTheFormerLeadersWriteIsRefused() throws Exception {
        String fleet = Ensemble.newFleet();
        ZooKeeperFleet a = leaderOf(fleet, "host-a");
        ZooKeeperFleet b = ensemble.agent(fleet, "host-b");
        b.coordination().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> b.coordination().view().members().size() == 2);
        assertThat(b.leadership().isLeader()).isFalse();
        assertThat(b.coordination().view().leader()).contains(new HostName("host-a"));
        assertThat(b.leadership().apply(emptyChange(b.coordination().view())).isDone())
                .as("a follower cannot write").isFalse();

        FleetView seenByA = a.coordination().view();
        KillSession.kill(a.client().getZookeeperClient().getZooKeeper());

        await().atMost(Duration.ofSeconds(30)).until(() -> b.leadership().isLeader());
        await().atMost(Duration.ofSeconds(30)).until(() -> a.coordination().connection() == Connection.CONNECTED
                && a.coordination().view().members().contains(new HostName("host-a")));
        assertThat(a.leadership().isLeader()).as("back in the election, behind host-b").isFalse();
        Outcome stale = a.leadership().apply(emptyChange(seenByA));
        assertThat(stale.isDone()).isFalse();
        assertThat(b.coordination().view().leader()).contains(new HostName("host-b"));

        FleetView seenByB = b.coordination().view();
        assertThat(b.leadership().apply(emptyChange(seenByB)).isDone()).isTrue();
        a.close();
        b.close();
    }

    @Test
    void aRolloutWriteAtAnOldVersionIsRefused() throws Exception {
        ZooKeeperFleet a = leaderOf(Ensemble.newFleet(), "host-a");
        a.coordination().report(serving("host-a", V1));
        Rollout rollout = hostAFromV1ToV2();
        FleetView empty = a.coordination().view();
        assertThat(a.leadership().apply(change(empty, rollout)).isDone()).isTrue();
        assertThat(a.coordination().rollout()).contains(rollout);
        assertThat(a.leadership().apply(change(empty, rollout.paused(true))).isDone())
                .as("written from a view without the rollout: refused").isFalse();
        FleetView current = a.coordination().view();
        assertThat(a.leadership().apply(change(current, rollout.paused(true))).isDone()).isTrue();
        assertThat(a.coordination().rollout().orElseThrow().paused()).isTrue();
        a.close();
    }

    @Test
    void losingQuorumSuspendsTheAgentWhichTakesNoStepAndOnReturnItIsRegisteredAndItsReportsSurvive() throws Exception {
        String fleet = Ensemble.newFleet();
        ZooKeeperFleet agent = ensemble.agent(fleet, "host-q");
        ManualClock clock = new ManualClock(World.START);
        FleetHost host = FleetHost.serving("host-q", clock, agent.coordination(), agent.leadership(), RolloutPolicy.defaults());
        await().atMost(Duration.ofSeconds(20)).until(() -> host.member.step().isPresent());
        HostReport reported = agent.coordination().observed(host.name).orElseThrow();
        List<String> eventsBefore = List.copyOf(host.world.events.all());

        List<InstanceSpec> stopped = ensemble.loseQuorum();
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.coordination().connection() != Connection.CONNECTED);
        assertThat(host.member.step()).as("out of touch: no step").isEmpty();
        assertThat(host.leader.step()).isEmpty();
        assertThat(agent.leadership().isLeader()).isFalse();
        assertThat(host.world.events.all()).isEqualTo(eventsBefore);
        assertThat(host.routesToARunningSlot()).isTrue();

        ensemble.restart(stopped);
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.coordination().connection() == Connection.CONNECTED);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> agent.coordination().view().members().contains(host.name));
        assertThat(agent.coordination().observed(host.name)).contains(reported);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> host.member.step().isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.leadership().isLeader());
        agent.close();
    }

    @Test
    void aLeaderWhoseLatchNodeIsGoneWritesNothingEvenBeforeItNoticesTheLoss() throws Exception {
        String fleet = Ensemble.newFleet();
        ZooKeeperFleet a = leaderOf(fleet, "host-a");
        Rollout rollout = hostAFromV1ToV2();
        FleetView view = a.coordination().view();
        // What a session's end does to the node, without the client being told: only the fence stands in the way.
        String latchNode = a.client().getChildren().forPath("/standby/" + fleet + "/leader").get(0);
        a.client().delete().forPath("/standby/" + fleet + "/leader/" + latchNode);

        Outcome written = a.leadership().apply(change(view, rollout));

        assertThat(written.isDone()).isFalse();
        assertThat(((Outcome.Failed) written).reason()).contains("lost its leadership");
        assertThat(a.coordination().rollout()).isEmpty();
        a.close();
    }

    private static FleetChange emptyChange(FleetView view) {
        return new FleetChange(view.rolloutVersion(), Optional.empty(), Map.of(), Set.of(), List.of("none"), List.of(), List.of());
    }

    private static FleetChange change(FleetView view, Rollout rollout) {
        return new FleetChange(view.rolloutVersion(), Optional.of(rollout), Map.of(), Set.of(), List.of(), List.of(), List.of());
    }
}
