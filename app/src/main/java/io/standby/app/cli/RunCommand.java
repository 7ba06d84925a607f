package io.standby.app.cli;

import com.google.inject.Injector;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.AgentLock;
import io.standby.app.wiring.SetupCheck;
import io.standby.app.wiring.Wiring;
import io.standby.app.config.ConfigException;
import java.util.List;
import io.standby.domain.port.in.PollForRelease;
import io.standby.domain.port.in.Reconcile;
import io.standby.domain.port.out.ReleaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** The agent proper: reconcile, then poll the branch and release every new commit until stopped. */
@Command(name = "run", description = "Poll the branch and release every new commit, until stopped (SIGTERM finishes a release under way first).")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final Duration LONGEST_RELEASE_TO_FINISH = Duration.ofMinutes(10);

    @ParentCommand
    StandbyCommand root;

    @Override
    public Integer call() {
        StandbyConfig config = root.loadConfig();
        try (AgentLock lock = AgentLock.acquire(config.stateDir(), "run")) {
            Injector injector = Wiring.agent(config);
            ReleaseStore store = injector.getInstance(ReleaseStore.class);
            Thread agent = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(agent, store), "standby-stop"));
            LOG.info("standby {} starting: following {} of {}, slots {} and {}", config.app(), config.repository().branch(),
                    config.repository().url().replaceAll("//[^@/]*@", "//"), config.slots().blue(), config.slots().green());
            List<String> problems = new SetupCheck(config, injector).problems();
            if (!problems.isEmpty()) {
                throw new ConfigException("cannot start: " + String.join("; ", problems));
            }
            injector.getInstance(Reconcile.class).reconcile();
            injector.getInstance(PollForRelease.class).pollUntilInterrupted();
            LOG.info("standby {} stopped", config.app());
            return ExitCodes.OK;
        }
    }

    /**
     * On SIGTERM a release under way is allowed to finish, drain included, because cutting it short would
     * either stop the old release too early or leave two running; then the polling pause is interrupted.
     */
    private static void stopGracefully(Thread agent, ReleaseStore store) {
        LOG.info("asked to stop{}", store.inFlight().isPresent() ? ": finishing the release under way first" : "");
        Instant giveUp = Instant.now().plus(LONGEST_RELEASE_TO_FINISH);
        while (store.inFlight().isPresent() && Instant.now().isBefore(giveUp) && agent.isAlive()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
        agent.interrupt();
        try {
            agent.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException ignored) {
            // the JVM is going down anyway
        }
    }
}
