package io.standby.app.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import io.standby.app.config.ConfigException;
import io.standby.app.config.ConfigLoader;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.AgentLock;
import io.standby.app.wiring.Wiring;
import io.standby.domain.model.Deployment;
import io.standby.domain.port.in.Reconcile;
import com.google.inject.Injector;
import java.io.PrintWriter;
import java.util.function.Function;
import io.standby.domain.port.in.RequestRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code standby} command and what all its subcommands share: the configuration file. */
@Command(name = "standby", mixinStandardHelpOptions = true, version = "standby 0.1.0",
        description = "Zero-downtime releases of an EasySwoole service behind nginx or HAProxy.",
        subcommands = {RunCommand.class, DeployCommand.class, RollbackCommand.class, StatusCommand.class,
                HistoryCommand.class, NginxConfigCommand.class, CheckConfigCommand.class})
public final class StandbyCommand {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:STANDBY_CONFIG:-standby.yml}",
            description = "The application's YAML configuration (default: $STANDBY_CONFIG, else ./standby.yml).")
    Path config;

    StandbyConfig loadConfig() {
        return new ConfigLoader().load(config);
    }

    /**
     * What deploy and rollback share: hold the lock, make the journal agree with the world first (an agent may
     * have died mid-release), then release, and report how it ended.
     */
    int release(String purpose, Function<Injector, Deployment> action, PrintWriter out) {
        StandbyConfig loaded = loadConfig();
        try (AgentLock lock = AgentLock.acquire(loaded.stateDir(), purpose)) {
            Injector injector = Wiring.agent(loaded);
            injector.getInstance(Reconcile.class).reconcile();
            return Outcomes.print(action.apply(injector), out);
        }
    }

    /** Runs the command line and turns every expected failure into one line that names the cause and the fix. */
    public static int execute(String... args) {
        CommandLine line = new CommandLine(new StandbyCommand());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable cause = unwrap(e);
            cmd.getErr().println("standby: " + cause.getMessage());
            return exitCodeFor(cause);
        });
        return line.execute(args);
    }

    private static Throwable unwrap(Throwable e) {
        if (e instanceof CreationException creation && !creation.getErrorMessages().isEmpty()
                && creation.getErrorMessages().iterator().next().getCause() != null) {
            return unwrap(creation.getErrorMessages().iterator().next().getCause());
        }
        if (e instanceof ProvisionException provision && !provision.getErrorMessages().isEmpty()
                && provision.getErrorMessages().iterator().next().getCause() != null) {
            return unwrap(provision.getErrorMessages().iterator().next().getCause());
        }
        return e;
    }

    private static int exitCodeFor(Throwable cause) {
        if (cause instanceof ConfigException || cause instanceof RequestRefusedException
                || cause instanceof IllegalArgumentException) {
            return ExitCodes.BAD_INPUT;
        }
        if (cause instanceof AgentLock.LockHeldException) {
            return ExitCodes.BUSY;
        }
        // Everything else is the environment: an unreachable repository, a full disk, a proxy that cannot be read.
        return ExitCodes.ENVIRONMENT;
    }
}
