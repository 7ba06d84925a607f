package io.standby.app.cli;

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
import picocli.CommandLine.ParentCommand;

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
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * What {@code standby --make-archive} runs so that the JVM lists the classes its archive is to hold: status and
 * history over a journal with a release of every kind, written in a directory of its own, then both as an operator
 * runs them with the configuration given. The archive is made at install time, when the state directory's journal is
 * still empty: trained on {@code status} alone, it lacked the classes that read journal lines, which every later
 * {@code status} then loaded from the jar. Prints nothing; exits as the operator's {@code status} would, so that the
 * launcher can say when the configuration did not load (then the archive lacks the classes that read it).
 */
@Command(name = "archive-training", hidden = true,
        description = "Run what the class-data archive is made from (bin/standby --make-archive runs it); prints nothing.")
final class ArchiveTrainingCommand implements Callable<Integer> {

    private static final List<List<String>> READ_ONLY = List.of(List.of("status"), List.of("status", "--json"),
            List.of("history"), List.of("history", "--json"));

    @ParentCommand
    StandbyCommand root;

    @Override
    public Integer call() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        printEveryKindOfRelease(nowhere);
        int exit = ExitCodes.OK;
        for (List<String> verb : READ_ONLY) {
            String[] args = Stream.concat(Stream.of("-c", root.configFile().toString()), verb.stream()).toArray(String[]::new);
            CommandLine line = StandbyCommand.commandLine(args);
            line.setOut(nowhere);
            line.setErr(nowhere);
            exit = Math.max(exit, line.execute(args));
        }
        return exit;
    }

    private static void printEveryKindOfRelease(PrintWriter out) {
        Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "standby-archive-training-" + ProcessHandle.current().pid());
        try {
            // Not Files.createTempDirectory: its random name needs a SecureRandom, whose security providers no command
            // loads and the archive would only carry. A directory that exists already is refused, never reused.
            Files.createDirectory(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the training journal's directory " + stateDir, e);
        }
        try {
            ReportReleases reports = JournalReports.in(journalOfEveryKind(stateDir));
            for (boolean json : List.of(false, true)) {
                StatusCommand.print("shop", reports.status(), json, out);
                HistoryCommand.print(reports.history(), json, out);
            }
        } finally {
            deleteQuietly(stateDir);
        }
    }

    /** A live release, one under way, one history entry of each outcome and a failing repository. */
    private static Path journalOfEveryKind(Path stateDir) {
        ReleaseStore store = JournalReports.store(stateDir);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Slot blue = new Slot("blue", 9501);
        Slot green = new Slot("green", 9502);
        Release live = release(stateDir, at, "a", "Add the checkout page");
        store.saveLive(new LiveRelease(live, blue, at));
        List<StageTiming> timings = Arrays.stream(Stage.values()).map(stage -> new StageTiming(stage, Duration.ofMillis(120))).toList();
        for (Result result : Result.values()) {
            boolean failed = result == Result.FAILED;
            store.append(new HistoryEntry(live.revision(), Optional.of(live), failed ? green : blue,
                    failed ? Trigger.PUSH : Trigger.POLL, result, failed ? Stage.CHECKING_HEALTH : Stage.LIVE,
                    failed ? "the instance in slot green is not healthy" : "", at, at.plusSeconds(4), timings));
        }
        Release next = release(stateDir, at.plusSeconds(60), "b", "Fix the cart's total");
        store.saveInFlight(new InFlight(new Plan(next.revision(), green, Optional.of(new LiveRelease(live, blue, at)),
                Trigger.DEPLOY, at.plusSeconds(60)), Optional.of(next), Stage.STARTING));
        store.saveSourceHealth(new SourceHealth(at.plusSeconds(90), Optional.of("the repository does not answer"), 2));
        return stateDir;
    }

    private static Release release(Path stateDir, Instant at, String digit, String subject) {
        Revision revision = new Revision(digit.repeat(40), "Ada", subject, at);
        ReleaseId id = ReleaseId.of(at, revision);
        return new Release(id, revision, stateDir.resolve("releases").resolve(id.value()));
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            // Left in the temporary directory, which the system cleans up.
        }
    }
}
