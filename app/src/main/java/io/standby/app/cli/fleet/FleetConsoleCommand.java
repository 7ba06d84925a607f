package io.standby.app.cli.fleet;

import io.standby.app.cli.ExitCodes;
import io.standby.app.cli.json.JsonOutput;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.FleetConsole;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A `standby fleet` command: it opens the fleet's console, asks one thing of it, closes it before printing, and
 * prints the answer as text for the operator or, with {@code --json}, as a record of its own for scripts.
 *
 * @param <A> what the console answered
 */
abstract class FleetConsoleCommand<A> implements Callable<Integer> {

    @ParentCommand
    FleetCommand fleet;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    /** Asks the fleet, through its console, what this command is for. */
    abstract A ask(FleetConsole console);

    /** The answer as the record {@code --json} prints. */
    abstract Object json(StandbyConfig.Fleet section, A answer);

    /** The answer for the operator. */
    abstract void print(StandbyConfig.Fleet section, A answer, PrintWriter out);

    @Override
    public final Integer call() {
        StandbyConfig.Fleet section = fleet.fleet();
        A answer;
        try (FleetConsole console = fleet.console(section)) {
            answer = ask(console);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new JsonOutput().print(json(section, answer)));
        } else {
            print(section, answer, out);
        }
        return ExitCodes.OK;
    }
}
