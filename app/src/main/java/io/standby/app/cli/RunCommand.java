package io.standby.app.cli;

import com.google.inject.Injector;
import io.standby.adapters.git.PublicUrl;
import io.standby.app.config.ConfigException;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.AgentLock;
import io.standby.app.wiring.AgentLoop;
import io.standby.app.wiring.GracefulStop;
import io.standby.app.wiring.SetupCheck;
import io.standby.domain.port.in.Reconcile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The agent proper: reconcile, then poll the branch and release every new commit until stopped; in a fleet, release
 * what the fleet's leader says instead (and lead when elected).
 */
@Command(name = "run", description = "Poll the branch and release every new commit (in a fleet: what the fleet's leader says), until stopped (SIGTERM finishes a release under way first).")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    StandbyCommand root;

    @Override
    public Integer call() {
        StandbyConfig config = root.loadConfig();
        try (AgentLock lock = AgentLock.acquire(config.stateDir(), "run")) {
            Injector injector = root.agent(config);
            GracefulStop stop = injector.getInstance(GracefulStop.class);
            stopGracefullyOnSignal(stop);
            LOG.info("standby {} starting: following {} of {}, slots {} and {}", config.app(), config.repository().branch(),
                    PublicUrl.of(config.repository().url()), config.slots().blue(), config.slots().green());
            List<String> problems = new SetupCheck(config, injector).problems();
            if (!problems.isEmpty()) {
                throw new ConfigException("cannot start: " + String.join("; ", problems));
            }
            injector.getInstance(Reconcile.class).reconcile();
            // Asked to stop while reconciling (which may finish an interrupted release): no new release then.
            if (!stop.requested()) {
                injector.getInstance(AgentLoop.class).runUntilStopped();
            }
            LOG.info("standby {} stopped", config.app());
            return ExitCodes.OK;
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
