package io.standby.app.cli;

import io.standby.app.config.ConfigLoader;
import io.standby.app.config.StandbyConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The {@code standby} command and what all its subcommands share: the configuration file. */
// scope INHERIT gives every subcommand --help and --version as well.
@Command(name = "standby", mixinStandardHelpOptions = true, version = "standby 0.1.0", scope = ScopeType.INHERIT,
        description = "Zero-downtime releases of an EasySwoole service behind nginx or HAProxy.")
// The verbs are registered by Verbs, only those the arguments need.
public final class StandbyCommand {

    // Inherited, so that it may come before or after the verb: `standby -c FILE run` and `standby run -c FILE`.
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:STANDBY_CONFIG:-standby.yml}",
            scope = ScopeType.INHERIT,
            description = "The application's YAML configuration (default: $STANDBY_CONFIG, else ./standby.yml).")
    Path config;

    // Jackson builds its reader of the configuration on another core while picocli builds the command line: on a cold
    // JVM each costs about as much as all the rest of `standby status`, and neither needs the other.
    private final CompletableFuture<ConfigLoader> loader = CompletableFuture.supplyAsync(ConfigLoader::new);

    /** The file named by {@code -c}, for messages about it. */
    public Path configFile() {
        return config;
    }

    /** The configuration named by {@code -c}, checked whole; subcommands of subcommands reach it through here. */
    public StandbyConfig loadConfig() {
        // Logging is set up on first use, and checking the configuration uses it (JGit's Repository logs); doing it
        // here spends the time this thread would otherwise wait for Jackson's reader on the other core.
        LoggerFactory.getILoggerFactory();
        try {
            return loader.join().load(config);
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Runs the command line and turns every failure into one line that names the cause and the fix. */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** The command line for these arguments, with its failure handling, for {@link #execute} and for tests. */
    static CommandLine commandLine(String... args) {
        CommandLine line = new CommandLine(new StandbyCommand());
        Verbs.register(line, args);
        // picocli hides its completion subcommand by default; ours is offered in the usage.
        Optional.ofNullable(line.getSubcommands().get("generate-completion"))
                .ifPresent(completion -> completion.getCommandSpec().usageMessage().hidden(false));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> ExecutionFailures.report(e, cmd.getErr()));
        return line;
    }
}
