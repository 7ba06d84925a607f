package io.standby.domain.fleet;

import io.standby.domain.port.in.RequestRefusedException;

import java.util.List;
import java.util.function.Function;

/** Answers `standby fleet ...` on any host: reads the fleet, and leaves commands for the leader. */
public final class FleetOperator implements SteerFleet {

    private final FleetCoordination coordination;

    public FleetOperator(FleetCoordination coordination) {
        this.coordination = coordination;
    }

    @Override
    public FleetStatus status() {
        FleetView view = coordination.view();
        List<HostStatus> hosts = view.hosts().stream().map(host -> new HostStatus(host, view.members().contains(host),
                view.leader().filter(host::equals).isPresent(), view.inFlight(host), view.desiredOf(host),
                view.observedOf(host))).toList();
        return new FleetStatus(view.rollout(), view.leader(), hosts, view.bad());
    }

    @Override
    public RolloutId promote() {
        Rollout rollout = underWay(FleetCommand.Promote.KEY);
        if (rollout.phase() instanceof Phase.Rolling) {
            throw new RequestRefusedException("rollout " + rollout.id() + " is already rolling: there is nothing to promote");
        }
        return leave(rollout, FleetCommand.Promote::new);
    }

    @Override
    public RolloutId pause() {
        return leave(underWay(FleetCommand.Pause.KEY), FleetCommand.Pause::new);
    }

    @Override
    public RolloutId resume() {
        Rollout rollout = underWay(FleetCommand.Resume.KEY);
        if (!rollout.paused()) {
            throw new RequestRefusedException("rollout " + rollout.id() + " is not paused");
        }
        return leave(rollout, FleetCommand.Resume::new);
    }

    @Override
    public RolloutId abort(String reason) {
        return leave(underWay(FleetCommand.Abort.KEY), id -> new FleetCommand.Abort(id, reason));
    }

    private Rollout underWay(String what) {
        Rollout rollout = coordination.rollout().orElseThrow(() ->
                new RequestRefusedException("no rollout has begun in this fleet: there is nothing to " + what));
        if (!(rollout.phase() instanceof Phase.Forward)) {
            throw new RequestRefusedException("rollout " + rollout.id() + " of " + rollout.commit() + " is "
                    + rollout.phase().key() + ": there is nothing to " + what);
        }
        return rollout;
    }

    private RolloutId leave(Rollout rollout, Function<RolloutId, FleetCommand> command) {
        coordination.submit(command.apply(rollout.id()));
        return rollout.id();
    }
}
