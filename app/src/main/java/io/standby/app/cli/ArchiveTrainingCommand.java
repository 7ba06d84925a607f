package io.standby.app.cli;

import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.JournalReports;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.os.FileTrees;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code standby --make-archive} runs so that the JVM lists the classes its archive is to hold: the read-only
 * commands as an operator runs them, then the same printing over a journal with a release of every kind, written in
 * a directory of its own. The archive is made at install time, when the state directory's journal is still empty;
 * trained on {@code status} alone, it lacked the classes that read journal lines, which every later {@code status}
 * then loaded from the jar.
 */
@Command(name = "archive-training", hidden = true,
        description = "Run what the class-data archive is made from (bin/standby --make-archive runs it); prints nothing.")
final class ArchiveTrainingCommand extends ConfiguredCommand {

    private static final List<List<String>> READ_ONLY = List.of(List.of("status"), List.of("status", "--json"),
            List.of("history"), List.of("history", "--json"));

    @Override
    int run(StandbyConfig config, PrintWriter out) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        for (List<String> verb : READ_ONLY) {
            String[] args = Stream.concat(Stream.of("-c", root.configFile().toString()), verb.stream()).toArray(String[]::new);
            CommandLine line = StandbyCommand.commandLine(args);
            line.setOut(nowhere);
            line.setErr(nowhere);
            line.execute(args);
        }
        Path stateDir = null;
        try {
            stateDir = Files.createTempDirectory("standby-archive-training-");
            ReportReleases reports = JournalReports.in(journalOfEveryKind(stateDir));
            for (boolean json : List.of(false, true)) {
                StatusCommand.print(config.app(), reports.status(), json, nowhere);
                HistoryCommand.print(reports.history(), json, nowhere);
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training journal in a temporary directory", e);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    /** A live release, one under way, one of each outcome in the history and a failing repository. */
    private static Path journalOfEveryKind(Path stateDir) {
        ReleaseStore store = JournalReports.store(stateDir);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Slot blue = new Slot("blue", 9501);
        Slot green = new Slot("green", 9502);
        Release live = release(stateDir, at, "a", "Add the checkout page");
        store.saveLive(new LiveRelease(live, blue, at));
        List<StageTiming> timings = Arrays.stream(Stage.values()).map(stage -> new StageTiming(stage, Duration.ofMillis(120))).toList();
        for (Result result : Result.values()) {
            store.append(new HistoryEntry(live.revision(), Optional.of(live), blue, Trigger.values()[result.ordinal() % Trigger.values().length],
                    result, result == Result.LIVE ? Stage.LIVE : Stage.CHECKING_HEALTH,
                    result == Result.FAILED ? "the instance in slot green is not healthy" : "", at, at.plusSeconds(4), timings));
        }
        Release next = release(stateDir, at.plusSeconds(60), "b", "Fix the cart's total");
        store.saveInFlight(new InFlight(new Plan(next.revision(), green, Optional.of(new LiveRelease(live, blue, at)),
                Trigger.PUSH, at.plusSeconds(60)), Optional.of(next), Stage.STARTING));
        store.saveSourceHealth(new SourceHealth(at.plusSeconds(90), Optional.of("the repository does not answer"), 2));
        return stateDir;
    }

    private static Release release(Path stateDir, Instant at, String digit, String subject) {
        Revision revision = new Revision(digit.repeat(40), "Ada", subject, at);
        ReleaseId id = ReleaseId.of(at, revision);
        return new Release(id, revision, stateDir.resolve("releases").resolve(id.value()));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            // A temporary directory the system cleans up anyway.
        }
    }
}
