package io.standby.app.cli;

import io.standby.app.cli.fleet.FleetCommand;
import io.standby.app.config.ConfigLoader;
import io.standby.app.config.StandbyConfig;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** The {@code standby} command and what all its subcommands share: the configuration file. */
// scope INHERIT gives every subcommand --help and --version as well.
@Command(name = "standby", mixinStandardHelpOptions = true, version = "standby 0.1.0", scope = ScopeType.INHERIT,
        description = "Zero-downtime releases of an EasySwoole service behind nginx or HAProxy.",
        subcommands = {RunCommand.class, DeployCommand.class, RollbackCommand.class, StatusCommand.class,
                HistoryCommand.class, FleetCommand.class, NginxConfigCommand.class, HaproxyConfigCommand.class,
                CheckConfigCommand.class, HelpCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class StandbyCommand {

    // Inherited, so that it may come before or after the verb: `standby -c FILE run` and `standby run -c FILE`.
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:STANDBY_CONFIG:-standby.yml}",
            scope = ScopeType.INHERIT,
            description = "The application's YAML configuration (default: $STANDBY_CONFIG, else ./standby.yml).")
    Path config;

    /** The file named by {@code -c}, for messages about it. */
    public Path configFile() {
        return config;
    }

    /** The configuration named by {@code -c}, checked whole; subcommands of subcommands reach it through here. */
    public StandbyConfig loadConfig() {
        return new ConfigLoader().load(config);
    }

    /** Runs the command line and turns every failure into one line that names the cause and the fix. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its subcommands and its failure handling, for {@link #execute} and for tests. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new StandbyCommand());
        // picocli hides its completion subcommand by default; ours is offered in the usage.
        line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> ExecutionFailures.report(e, cmd.getErr()));
        return line;
    }
}
