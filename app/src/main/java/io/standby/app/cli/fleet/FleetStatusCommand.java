package io.standby.app.cli.fleet;

import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.FleetConsole;
import io.standby.domain.fleet.FleetStatus;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Every host of the fleet, what it was told and what it last reported, and where the rollout stands. */
@Command(name = "status", description = "Show the rollout's phase and every host: registered or away, leader, in flight, what it was told, what it serves on which slot, its last report.")
final class FleetStatusCommand extends FleetConsoleCommand<FleetStatus> {

    @Override
    FleetStatus ask(FleetConsole console) {
        return console.steer().status();
    }

    @Override
    Object json(StandbyConfig.Fleet section, FleetStatus status) {
        return FleetStatusJson.of(section.name(), status);
    }

    @Override
    void print(StandbyConfig.Fleet section, FleetStatus status, PrintWriter out) {
        new FleetStatusText(section, status).print(out);
    }
}
