package io.standby.app.cli.fleet;

import io.standby.app.cli.StandbyCommand;
import io.standby.app.config.ConfigException;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.FleetConsole;
import io.standby.app.wiring.Wiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code standby fleet ...}: what an operator asks of the fleet's rollout, from any of its hosts. It reads the fleet
 * and leaves commands for the leader over a connection of its own; it takes no lock, since it changes nothing here.
 */
@Command(name = "fleet", description = "Show or steer the fleet's rollout (with a fleet section in the configuration).",
        subcommands = {FleetStatusCommand.class, FleetSteerCommand.Promote.class, FleetSteerCommand.Pause.class,
                FleetSteerCommand.Resume.class, FleetSteerCommand.Abort.class})
public final class FleetCommand implements Runnable {

    @ParentCommand
    StandbyCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "give what to do: standby fleet status|promote|pause|resume|abort");
    }

    /** The fleet section, or the operator's mistake of asking a server on its own about a fleet. */
    StandbyConfig.Fleet fleet() {
        return root.loadConfig().fleetIfSet().orElseThrow(() -> new ConfigException(root.configFile() + " has no fleet"
                + " section, so this server follows its branch on its own: `standby fleet` steers a fleet's rollout"
                + " (add a fleet section as the README's \"Fleets\" shows)"));
    }

    FleetConsole console(StandbyConfig.Fleet fleet) {
        return Wiring.fleetConsole(fleet);
    }
}
