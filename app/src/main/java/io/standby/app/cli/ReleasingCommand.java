package io.standby.app.cli;

import com.google.inject.Injector;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.AgentLock;
import io.standby.app.wiring.Background;
import io.standby.domain.model.Deployment;
import io.standby.domain.port.in.Reconcile;

import java.io.PrintWriter;
import java.util.function.Function;

/**
 * What deploy and rollback share: hold the lock, make the journal agree with the world first (an agent may have died
 * mid-release), then release, and report how it ended.
 */
abstract class ReleasingCommand extends ConfiguredCommand {

    @Override
    final int run(StandbyConfig config, PrintWriter out) {
        Function<Injector, Deployment> release = release();
        try (AgentLock lock = AgentLock.acquire(config.stateDir(), spec.name())) {
            Injector injector = root.agent(config);
            // Closed, never started: the listener is run's alone, and waiting notices go out before the command exits.
            try (Background background = injector.getInstance(Background.class)) {
                injector.getInstance(Reconcile.class).reconcile();
                return Outcomes.print(release.apply(injector), out);
            }
        }
    }

    /** The release asked for; checked before the lock is taken, so that a wrong request changes nothing. */
    abstract Function<Injector, Deployment> release();
}
