package io.standby.domain.fleet;

import io.standby.domain.model.Hook;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.port.out.ReleaseHooks;

import java.util.Optional;

/**
 * The last word before a fleet host's proxy switches: after the team's own before-switch hooks, the switch goes ahead
 * only if the agent is in touch with the coordination and the fleet still wants this commit of this host. Refusing
 * there is the pipeline's safe stop (the live release was never touched), so an agent that lost touch just before its
 * switch keeps serving what it served; the member then reports that it waits, not that the commit failed.
 */
public final class FleetSwitchGate implements ReleaseHooks {

    private final ReleaseHooks hooks;
    private final FleetCoordination coordination;
    private final HostName host;
    // Why the last switch was held, until the member reads it: the pipeline only sees a failed hook.
    private Optional<String> held = Optional.empty();

    public FleetSwitchGate(ReleaseHooks hooks, FleetCoordination coordination, HostName host) {
        this.hooks = hooks;
        this.coordination = coordination;
        this.host = host;
    }

    @Override
    public Outcome run(Hook hook, Plan plan, Release release) {
        Outcome own = hooks.run(hook, plan, release);
        if (hook != Hook.BEFORE_SWITCH || own instanceof Outcome.Failed) {
            return own;
        }
        Optional<String> hold = reasonToHold(plan);
        synchronized (this) {
            held = hold;
        }
        return hold.map(Outcome::failed).orElse(own);
    }

    /** Why the last switch was held back, once: empty if it was not. */
    public synchronized Optional<String> takeHold() {
        Optional<String> hold = held;
        held = Optional.empty();
        return hold;
    }

    private Optional<String> reasonToHold(Plan plan) {
        Connection connection = coordination.connection();
        if (connection != Connection.CONNECTED) {
            return Optional.of(outOfTouch(connection.name().toLowerCase()));
        }
        Optional<Desired> desired;
        try {
            desired = coordination.desired(host);
        } catch (CoordinationUnavailableException e) {
            return Optional.of(outOfTouch(e.getMessage()));
        }
        if (desired.filter(d -> d.commit().is(plan.revision())).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the fleet no longer asks " + host + " for " + plan.revision().shortSha()
                + desired.map(d -> " (it now wants " + d.commit() + ")").orElse("") + ": not switching");
    }

    private static String outOfTouch(String why) {
        return "out of touch with the fleet's coordination just before the switch (" + why
                + "): not switching, the live release keeps serving";
    }
}
