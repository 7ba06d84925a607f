package io.standby.app.cli.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.app.cli.ExitCodes;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.FleetConsole;
import io.standby.domain.fleet.FleetStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Every host of the fleet, what it was told and what it last reported, and where the rollout stands. */
@Command(name = "status", description = "Show the rollout's phase and every host: registered or away, leader, in flight, what it was told, what it serves on which slot, its last report.")
final class FleetStatusCommand implements Callable<Integer> {

    @ParentCommand
    FleetCommand fleet;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StandbyConfig.Fleet section = fleet.fleet();
        FleetStatus status;
        try (FleetConsole console = fleet.console(section)) {
            status = console.steer().status();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(FleetStatusJson.of(section.name(), status)));
        } else {
            new FleetStatusText(section, status).print(out);
        }
        return ExitCodes.OK;
    }
}
