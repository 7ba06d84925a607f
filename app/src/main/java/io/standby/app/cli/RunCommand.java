package io.standby.app.cli;

import com.google.inject.Injector;
import io.standby.adapters.git.PublicUrl;
import io.standby.app.config.ConfigException;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.AgentLock;
import io.standby.app.wiring.AgentLoop;
import io.standby.app.wiring.Background;
import io.standby.app.wiring.GracefulStop;
import io.standby.app.wiring.SetupCheck;
import io.standby.domain.port.in.Reconcile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
/**
 * The agent proper: reconcile, then poll the branch and release every new commit until stopped; with a listener, a
 * push to the branch ends the pause before the next poll; in a fleet, release what the fleet's leader says instead
 * (and lead when elected).
 */
@Command(name = "run", description = "Poll the branch and release every new commit (in a fleet: what the fleet's leader says), until stopped (SIGTERM finishes a release under way first).")
final class RunCommand extends ConfiguredCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    // The agent speaks through its log, the operator's timeline, rather than on out.
    @Override
    int run(StandbyConfig config, PrintWriter out) {
        try (AgentLock lock = AgentLock.acquire(config.stateDir(), "run")) {
            Injector injector = ReleaseWiring.of(config);
            GracefulStop stop = injector.getInstance(GracefulStop.class);
            stopGracefullyOnSignal(stop);
            LOG.info("standby {} starting: following {} of {}, slots {} and {}", config.app(), config.repository().branch(),
                    PublicUrl.of(config.repository().url()), config.slots().blue(), config.slots().green());
            List<String> problems = new SetupCheck(config, injector).problems();
            if (!problems.isEmpty()) {
                throw new ConfigException("cannot start: " + String.join("; ", problems));
            }
            try (Background background = injector.getInstance(Background.class)) {
                start(background, config);
                injector.getInstance(Reconcile.class).reconcile();
                // Asked to stop while reconciling (which may finish an interrupted release): no new release then.
                if (!stop.requested()) {
                    injector.getInstance(AgentLoop.class).runUntilStopped();
                }
            }
            LOG.info("standby {} stopped", config.app());
            return ExitCodes.OK;
        }
    }

    /** The listener, if configured, binds before the first release; a port taken by another program stops the start. */
    private static void start(Background background, StandbyConfig config) {
        try {
            background.start();
        } catch (IOException e) {
            throw new ConfigException("cannot listen on " + config.listen().address() + ":" + config.listen().port() + " ("
                    + e.getMessage() + "): stop what holds the port, or choose another listen.port or listen.address", e);
        }
    }

    /**
     * SIGTERM (a service manager's stop) and SIGINT let a release under way finish, drain included, because
     * cutting it short would either stop the old release too early or leave two running; then the agent exits 0.
     * They are handled here rather than by a shutdown hook, since once the JVM shuts down the agent can no longer
     * finish anything and its exit code is 143, which service managers count as a failure.
     */
    private static void stopGracefullyOnSignal(GracefulStop stop) {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("asked to stop (SIG{}){}", name, stop.releaseUnderWay() ? ": finishing the release under way first" : "");
                stop.request();
            });
        }
    }
}
