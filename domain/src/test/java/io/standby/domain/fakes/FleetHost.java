package io.standby.domain.fakes;

import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.Conductor;
import io.standby.domain.fleet.Desired;
import io.standby.domain.fleet.FleetCoordination;
import io.standby.domain.fleet.FleetLeader;
import io.standby.domain.fleet.FleetLeadership;
import io.standby.domain.fleet.FleetMember;
import io.standby.domain.fleet.FleetSwitchGate;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.RolloutPolicy;
import io.standby.domain.model.Release;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.Pushes;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One server of a fleet in memory: a {@link World} (its proxy, its slots, its journal) whose agent is a fleet member and
 * a would-be leader, reaching the coordination it is given. The real agent runs member and leader on two threads; here
 * a test steps them, so it can look at every proxy between any two steps.
 */
public final class FleetHost {

    public final HostName name;
    public final World world;
    public final FleetSwitchGate gate;
    public final FleetMember member;
    public final FleetLeader leader;

    private FleetHost(HostName name, World world, FleetCoordination coordination, FleetLeadership leadership,
                      RolloutPolicy policy) {
        this.name = name;
        this.world = world;
        this.gate = new FleetSwitchGate(world.hooks, coordination, name);
        world.inFleet(hooks -> gate);
        this.member = new FleetMember(name, coordination, world.deployer(), world.rollbacks(), world.reports(),
                world.recovery(Optional.empty()), gate, world.clock, world.timeline);
        this.leader = new FleetLeader(coordination, leadership, world.source, new Conductor(policy), world.clock,
                world.timeline, Duration.ZERO, Pushes.NONE);
        coordination.join();
    }

    /**
     * A server that has released "v1" then "v2" on its own (so its journal knows both), joining the fleet. Every
     * server pushes the same commits, so their ids agree across the fleet.
     */
    public static FleetHost serving(String name, ManualClock clock, FleetCoordination coordination,
                                    FleetLeadership leadership, RolloutPolicy policy) {
        World world = World.withLiveRelease(clock);
        world.source.push("v2");
        world.deployer().deploy(Optional.empty());
        return new FleetHost(new HostName(name), world, coordination, leadership, policy);
    }

    /** The same server after its agent was killed and started again: processes and journal stay, the session is new. */
    public FleetHost restarted(FleetCoordination coordination, FleetLeadership leadership, RolloutPolicy policy) {
        world.recovery(Optional.empty()).reconcile();
        return new FleetHost(name, world, coordination, leadership, policy);
    }

    /** The commit this server's proxy routes to, as the running processes say (not as any report does). */
    public Optional<CommitId> serving() {
        return world.router.serving().flatMap(world.runtime::runningIn).map(Release::revision).map(CommitId::of);
    }

    /** Pushes a commit to this server's mirror of the branch; push the same to every server. */
    public Revision push(String message) {
        return world.source.push(message);
    }

    /** Whether the proxy routes to a slot where an instance runs. */
    public boolean routesToARunningSlot() {
        Optional<Slot> routed = world.router.serving();
        return routed.isPresent() && world.runtime.runningIn(routed.get()).isPresent();
    }

    /**
     * The two promises a fleet keeps at every moment: no proxy points at a dead slot, and at most {@code batchSize}
     * hosts were told a commit their proxy does not route to yet.
     */
    public static void assertSafe(Collection<FleetHost> hosts, Map<HostName, Desired> desired, int batchSize) {
        for (FleetHost host : hosts) {
            if (!host.routesToARunningSlot()) {
                throw new AssertionError("the proxy of " + host.name + " routes to " + host.world.router.serving()
                        + " where nothing runs");
            }
        }
        long inFlight = hosts.stream().filter(host -> Optional.ofNullable(desired.get(host.name))
                .filter(d -> !host.serving().equals(Optional.of(d.commit()))).isPresent()).count();
        if (inFlight > batchSize) {
            throw new AssertionError(inFlight + " hosts in flight, more than the batch size " + batchSize + ": " + desired);
        }
    }
}
