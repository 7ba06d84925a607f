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
        Request<?> release = release();
        try (AgentLock lock = AgentLock.acquire(config.stateDir(), spec.name())) {
            Injector injector = ReleaseWiring.of(config);
            // Closed, never started: the listener is run's alone, and waiting notices go out before the command exits.
            try (Background background = injector.getInstance(Background.class)) {
                injector.getInstance(Reconcile.class).reconcile();
                return Outcomes.print(release.of(injector), out);
            }
        }
    }

    /** The release asked for; checked before the lock is taken, so that a wrong request changes nothing. */
    abstract Request<?> release();

    /**
     * What to ask of which port, once the lock is held and the wiring built. Named by the port rather than as a
     * function of the injector: picocli reads each command's methods, lambdas' included, on every start, and one
     * taking the injector would load Guice for {@code status} too.
     */
    record Request<P>(Class<P> port, Function<P, Deployment> ask) {

        Deployment of(Injector injector) {
            return ask.apply(injector.getInstance(port));
        }
    }
}
