package io.standby.app.cli;

import io.standby.app.cli.json.JsonOutput;
import io.standby.app.cli.json.StatusJson;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.JournalReports;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** What is live, what is under way, what failed last, and whether the repository answers. Reads the journal only. */
@Command(name = "status", description = "Show the live release, a release under way, the last failure and the repository's health.")
final class StatusCommand extends ConfiguredCommand {

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    int run(StandbyConfig config, PrintWriter out) {
        print(config.app(), JournalReports.of(config).status(), json, out);
        return ExitCodes.OK;
    }

    /** The report as this command prints it, as text or as JSON. */
    static void print(String app, StatusReport report, boolean json, PrintWriter out) {
        if (json) {
            out.println(json(report));
            return;
        }
        out.println("app:          " + app);
        out.println("live:         " + report.live().map(StatusCommand::describe).orElse("nothing yet"));
        out.println("in flight:    " + report.inFlight()
                .map(f -> f.plan().revision().shortSha() + " to " + f.plan().slot() + ", at " + f.stage().label()
                        + " since " + f.plan().startedAt())
                .orElse("none"));
        out.println("last failure: " + report.lastFailure().map(f -> describe(f) + since(f, report)).orElse("none"));
        out.println("repository:   " + report.source()
                .map(s -> s.problem().map(p -> "FAILING (" + s.failuresInARow() + " attempts in a row, last at "
                        + s.checkedAt() + "): " + p).orElse("reachable (checked " + s.checkedAt() + ")"))
                .orElse("not polled yet"));
    }

    /** What {@code status --json} prints; the listener's {@code /status} serves the same, through this one function. */
    static String json(StatusReport report) {
        return new JsonOutput().print(StatusJson.of(report));
    }

    private static String describe(LiveRelease live) {
        return live.release() + "  " + live.release().revision().shortSha() + " \"" + live.release().revision().subject()
                + "\" on " + live.slot() + " since " + live.since();
    }

    /** A failure the live release came after is history, not something to act on: the line says so. */
    private static String since(HistoryEntry failure, StatusReport report) {
        return report.live().filter(live -> live.since().isAfter(failure.endedAt())).isPresent()
                ? " (before the live release)"
                : "";
    }

    private static String describe(HistoryEntry failure) {
        return failure.revision().shortSha() + " " + failure.result().name().toLowerCase().replace('_', ' ') + " at "
                + failure.stage().label() + " (" + failure.endedAt() + "): " + failure.reason();
    }
}
