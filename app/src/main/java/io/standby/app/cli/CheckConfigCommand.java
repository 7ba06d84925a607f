package io.standby.app.cli;

import com.google.inject.Injector;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.JournalReports;
import io.standby.app.wiring.SetupCheck;
import io.standby.domain.model.Revision;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.TrafficRouter;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Checks the configuration against the machine, changing nothing the live release depends on. */
@Command(name = "check-config", description = "Check the configuration, the directories, the proxy set-up and the repository, changing nothing Standby serves (it creates state-dir and the git mirror if missing).")
final class CheckConfigCommand extends ConfiguredCommand {

    @Override
    int run(StandbyConfig config, PrintWriter out) {
        out.println("ok   configuration " + root.config);
        Injector injector = ReleaseWiring.of(config);
        SetupCheck check = new SetupCheck(config, injector);
        List<String> problems = new ArrayList<>(check.problems());
        problems.addAll(check.releaseProblems());
        try {
            injector.getInstance(TrafficRouter.class).current().ifPresentOrElse(
                    slot -> {
                        out.println("ok   the proxy routes to " + slot);
                        problems.addAll(check.heldIdlePorts(slot));
                    },
                    () -> JournalReports.of(config).status().live().ifPresentOrElse(
                            live -> problems.add("the proxy routes to neither slot while the live release " + live.release()
                                    + " is on " + live.slot() + ": nothing serves through it. Fix: point the proxy at "
                                    + live.slot() + " (`standby haproxy-config` writes HAProxy's for the live slot)"),
                            () -> out.println("note the proxy routes to neither slot; the first release goes to blue")));
        } catch (RuntimeException e) {
            // already among the problems
        }
        try {
            Revision head = injector.getInstance(ReleaseSource.class).newest();
            out.println("ok   repository: " + config.repository().branch() + " is at " + head.shortSha() + " \"" + head.subject() + "\"");
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        problems.forEach(p -> out.println("FAIL " + p));
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
