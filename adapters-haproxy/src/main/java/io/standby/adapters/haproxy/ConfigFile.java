package io.standby.adapters.haproxy;

import io.standby.domain.model.Outcome;
import io.standby.os.AtomicFile;
import io.standby.os.StagedFile;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HAProxy config file, kept in step with the runtime API so that a restart or reload routes the same way.
 * A change is staged next to the file, checked with `haproxy -c`, and only then renamed over it, so HAProxy never
 * sees a half-written or rejected config and a failed check leaves the original untouched.
 */
final class ConfigFile {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);
    // Bytes in, bytes out: ISO-8859-1 maps each byte to one char, so comments in any encoding survive the edit.
    private static final java.nio.charset.Charset BYTES = StandardCharsets.ISO_8859_1;

    private final Path file;
    private final String binary;
    private final Duration timeout;
    private final ProcessRunner runner;

    ConfigFile(Path file, String binary, Duration timeout, ProcessRunner runner) {
        this.file = file;
        this.binary = binary;
        this.timeout = timeout;
        this.runner = runner;
    }

    /** Writes and checks the config that routes {@code backend} to {@code live}; nothing replaces the file yet. */
    Staged stage(String backend, String live, String idle) {
        Path target;
        String current;
        try {
            // Follow a symlink: the rename must replace the file HAProxy reads, not the link.
            target = file.toRealPath();
            current = Files.readString(target, BYTES);
        } catch (NoSuchFileException e) {
            return Staged.failed("the HAProxy config file " + file + " does not exist; fix: set the config path to the"
                    + " file HAProxy is started with (`haproxy -f <file>`)");
        } catch (IOException e) {
            return Staged.failed("could not read the HAProxy config file " + file + ": " + e.getMessage()
                    + "; fix: let the agent read and write it");
        }
        ServerLines.Edited edited = ServerLines.route(current, backend, live, idle);
        if (!edited.ok()) {
            return Staged.failed("the HAProxy config file " + file + " " + edited.problem() + ", so the switch could not"
                    + " be kept across a restart; fix: point the config path at the file that defines backend " + backend
                    + " and its servers " + live + " and " + idle + ", one `server` line each");
        }
        if (edited.text().equals(current)) {
            return Staged.unchanged();
        }
        StagedFile staged;
        try {
            // Checked where it will live, with the mode and owner it will have.
            staged = AtomicFile.stageReplacement(target, edited.text().getBytes(BYTES),
                    warning -> LOG.warn("haproxy config: {}", warning));
        } catch (IOException e) {
            return Staged.failed("could not write next to the HAProxy config file " + file + ": " + e.getMessage()
                    + "; fix: let the agent create files in " + target.getParent());
        }
        Optional<String> rejected = check(staged.path(), target.getParent());
        if (rejected.isPresent()) {
            discard(staged);
            return Staged.failed(rejected.get());
        }
        return new Staged(Optional.of(staged), "");
    }

    /** Puts a staged config in place in one rename; a reader sees the old file or the new one, never a mix. */
    Outcome commit(Staged staged) {
        if (staged.file().isEmpty()) {
            return Outcome.done();
        }
        StagedFile next = staged.file().get();
        try {
            next.commit();
            return Outcome.done();
        } catch (IOException e) {
            return Outcome.failed("could not replace the HAProxy config file " + file + ": " + e.getMessage()
                    + "; fix: let the agent write to " + next.target().getParent());
        }
    }

    void discard(Staged staged) {
        staged.file().ifPresent(ConfigFile::discard);
    }

    private Optional<String> check(Path staged, Path directory) {
        // Run where relative paths in the config (errorfiles, maps, certs) resolve as they do for the operator.
        Completion checked = runner.run(Command.of(directory, timeout, List.of(binary, "-c", "-f", staged.toString())));
        if (checked.succeeded()) {
            return Optional.empty();
        }
        if (checked.exitCode() == -1 && !checked.timedOut()) {
            return Optional.of("could not run `" + binary + " -c` to check the updated HAProxy config: "
                    + checked.tail(2) + "; fix: install HAProxy or set the haproxy binary path");
        }
        return Optional.of("`" + binary + " -c` rejected " + file + " with the switch applied ("
                + (checked.timedOut() ? "timed out" : checked.tail(3)) + "); the file and the routing are unchanged;"
                + " fix: make `" + binary + " -c -f " + file + "` pass");
    }

    private static void discard(StagedFile staged) {
        try {
            staged.discard();
        } catch (IOException e) {
            LOG.warn("could not delete the staged haproxy config {}: {}", staged.path(), e.getMessage());
        }
    }

    /** A validated config waiting to replace the file; no file means the file already routes this way. */
    record Staged(Optional<StagedFile> file, String problem) {

        static Staged unchanged() {
            return new Staged(Optional.empty(), "");
        }

        static Staged failed(String problem) {
            return new Staged(Optional.empty(), problem);
        }

        boolean ok() {
            return problem.isEmpty();
        }
    }
}
