package io.standby.app.cli;

import io.standby.app.config.StandbyConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A verb that works from the configuration file: it is read (through the root command, which holds {@code -c}) before
 * the verb runs, and the verb prints on picocli's writer, which tests and {@code Main} both capture.
 */
abstract class ConfiguredCommand implements Callable<Integer> {

    @ParentCommand
    StandbyCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        return run(root.loadConfig(), spec.commandLine().getOut());
    }

    /** Does what the verb is for and returns its {@link ExitCodes exit code}. */
    abstract int run(StandbyConfig config, PrintWriter out);
}
