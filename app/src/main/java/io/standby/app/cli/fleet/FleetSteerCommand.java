package io.standby.app.cli.fleet;

import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.FleetConsole;
import io.standby.domain.fleet.RolloutId;
import io.standby.domain.fleet.SteerFleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * A command for the leader about the rollout under way. It names that rollout, so that one arriving after the rollout
 * ended never touches the next; the leader applies it at its next step, which `fleet status` then shows.
 */
abstract class FleetSteerCommand extends FleetConsoleCommand<RolloutId> {

    /** Asks the leader, through {@code steer}, for what this command is named after. */
    abstract RolloutId askLeader(SteerFleet steer);

    /** What the operator asks: the command's own name, so that it is written once, in its {@code @Command}. */
    private String verb() {
        return spec.name();
    }

    String reason() {
        return "";
    }

    @Override
    final RolloutId ask(FleetConsole console) {
        return askLeader(console.steer());
    }

    @Override
    Object json(StandbyConfig.Fleet section, RolloutId rollout) {
        return new FleetRequestJson(FleetRequestJson.FORMAT, section.name(), verb(), rollout.value(), reason());
    }

    @Override
    void print(StandbyConfig.Fleet section, RolloutId rollout, PrintWriter out) {
        out.println(verb() + ": left for the leader of fleet " + section.name() + ", for rollout " + rollout
                + "; `standby fleet status` shows it once applied");
    }

    @Command(name = io.standby.domain.fleet.FleetCommand.Promote.KEY, description = "The canary is good: the rest of the fleet follows once it has soaked (with fleet.await-promotion).")
    static final class Promote extends FleetSteerCommand {
        @Override
        RolloutId askLeader(SteerFleet steer) {
            return steer.promote();
        }
    }

    @Command(name = io.standby.domain.fleet.FleetCommand.Pause.KEY, description = "Hold new waves of the rollout under way; hosts in flight finish, and the way back is never held.")
    static final class Pause extends FleetSteerCommand {
        @Override
        RolloutId askLeader(SteerFleet steer) {
            return steer.pause();
        }
    }

    @Command(name = io.standby.domain.fleet.FleetCommand.Resume.KEY, description = "Let a paused rollout go on.")
    static final class Resume extends FleetSteerCommand {
        @Override
        RolloutId askLeader(SteerFleet steer) {
            return steer.resume();
        }
    }

    @Command(name = io.standby.domain.fleet.FleetCommand.Abort.KEY, description = "Give up the rollout under way: its commit is marked bad and every host that took it goes back, a batch at a time.")
    static final class Abort extends FleetSteerCommand {

        @Parameters(arity = "0..*", paramLabel = "REASON", description = "Why, for `fleet status` and the leader's log.")
        List<String> words = List.of();

        @Override
        String reason() {
            return String.join(" ", words).strip();
        }

        @Override
        RolloutId askLeader(SteerFleet steer) {
            return steer.abort(reason());
        }
    }
}
