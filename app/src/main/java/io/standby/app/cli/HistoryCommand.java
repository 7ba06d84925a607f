package io.standby.app.cli;

import io.standby.app.cli.json.HistoryJson;
import io.standby.app.cli.json.JsonOutput;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.JournalReports;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.StageTiming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every release attempt, newest first, with its commit, outcome and the duration of each stage. */
@Command(name = "history", description = "List releases, newest first: commit, author, message, outcome, and how long each stage took.")
final class HistoryCommand extends ConfiguredCommand {

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "How many entries (default 20).")
    int limit;

    @Override
    int run(StandbyConfig config, PrintWriter out) {
        print(JournalReports.of(config).history().stream().limit(Math.max(limit, 0)).toList(), json, out);
        return ExitCodes.OK;
    }

    /** The entries as this command prints them, as text or as JSON. */
    static void print(List<HistoryEntry> entries, boolean json, PrintWriter out) {
        if (json) {
            out.println(new JsonOutput().print(HistoryJson.of(entries)));
            return;
        }
        if (entries.isEmpty()) {
            out.println("no releases yet");
        }
        for (HistoryEntry entry : entries) {
            // The author is git's "Name <email>" already.
            String author = entry.revision().author().isEmpty() ? "" : " (" + entry.revision().author() + ")";
            out.printf(Locale.ROOT, "%s  %-24s %s  %-11s %-9s %6.1fs  %s%s%n",
                    entry.startedAt(), entry.release().map(r -> r.id().value()).orElse("-"), entry.revision().shortSha(),
                    entry.result().name().toLowerCase(Locale.ROOT), entry.trigger().name().toLowerCase(Locale.ROOT),
                    entry.took().toMillis() / 1000.0, entry.revision().subject(), author);
            if (!entry.timings().isEmpty()) {
                out.println("    " + entry.timings().stream().map(HistoryCommand::timing).collect(Collectors.joining("  ")));
            }
            if (!entry.reason().isEmpty()) {
                out.println("    " + entry.stage().label() + ": " + entry.reason());
            }
        }
    }

    private static String timing(StageTiming timing) {
        return String.format(Locale.ROOT, "%s %.1fs", timing.stage().label(), timing.took().toMillis() / 1000.0);
    }
}
