package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.standby.adapters.http.PushSignal;
import io.standby.adapters.zookeeper.ZooKeeperFleet;
import io.standby.app.hooks.CommandHooks;
import io.standby.domain.fleet.Conductor;
import io.standby.domain.fleet.FleetCoordination;
import io.standby.domain.fleet.FleetLeader;
import io.standby.domain.fleet.FleetLeadership;
import io.standby.domain.fleet.FleetMember;
import io.standby.domain.fleet.FleetSwitchGate;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.RolloutPolicy;
import io.standby.domain.model.PreviousRelease;
import io.standby.domain.port.in.DeployRelease;
import io.standby.domain.port.in.Reconcile;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.in.RollBack;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.Pushes;
import io.standby.domain.port.out.ReleaseHooks;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.Timeline;

import java.time.Duration;

/**
 * A server in a fleet: it releases what the fleet's leader tells it, through the same pipeline as a server on its own,
 * with two differences. The switch waits for the fleet's word at the very end of before-switch (after the team's
 * hooks), and the previous release is kept warm, so that going back while a rollout is under way is a proxy flip.
 */
final class FleetModule extends AbstractModule {

    private final HostName host;
    private final RolloutPolicy policy;
    private final Duration interval;

    /** @param interval how often the agent looks at the fleet and the leader at the branch when nothing wakes them */
    FleetModule(HostName host, RolloutPolicy policy, Duration interval) {
        this.host = host;
        this.policy = policy;
        this.interval = interval;
    }

    @Override
    protected void configure() {
        bind(PreviousRelease.class).toInstance(PreviousRelease.KEPT_WARM);
    }

    @Provides
    @Singleton
    FleetSwitchGate gate(CommandHooks teamHooks, FleetCoordination coordination) {
        return new FleetSwitchGate(teamHooks, coordination, host);
    }

    @Provides
    ReleaseHooks hooks(FleetSwitchGate gate) {
        return gate;
    }

    @Provides
    @Singleton
    FleetMember member(FleetCoordination coordination, DeployRelease deployer, RollBack rollBack,
                       ReportReleases releases, Reconcile reconcile, FleetSwitchGate gate, Clock clock,
                       Timeline timeline) {
        return new FleetMember(host, coordination, deployer, rollBack, releases, reconcile, gate, clock, timeline);
    }

    @Provides
    @Singleton
    FleetLeader leader(FleetCoordination coordination, FleetLeadership leadership, ReleaseSource source, Clock clock,
                       Timeline timeline, Pushes pushes) {
        return new FleetLeader(coordination, leadership, source, new Conductor(policy), clock, timeline, interval, pushes);
    }

    /**
     * A push is left for the leader's next read of the branch, and wakes this agent's loops at once. Only the leader
     * reads the branch, so a push this agent receives while another leads starts nothing: the forge's webhook is set
     * on every agent of the fleet (README, "Fleets").
     */
    @Provides
    PushSignal pushSignal(PushInbox inbox, FleetCoordination coordination) {
        return () -> {
            inbox.arrive();
            coordination.nudge();
        };
    }

    @Provides
    AgentLoop loop(FleetMember member, FleetLeader leader, FleetCoordination coordination, GracefulStop stop,
                   ZooKeeperFleet connection) {
        return new FleetLoops(member, leader, coordination, stop, interval, connection);
    }
}
