package io.standby.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command of a test's set-up (a server's start, a version check) to its end, with a deadline. */
final class Programs {

    /** How a command ended: its exit code and what it printed, both streams together. */
    record Ran(int exit, String output) {
        boolean succeeded() {
            return exit == 0;
        }
    }

    private Programs() {
    }

    static Ran run(Path dir, Duration timeout, List<String> command) {
        try {
            Path output = Files.createTempFile("standby-test-command-", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ": "
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Ran(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** The program's path when the system keeps it in /usr/sbin (off a non-root PATH), else its bare name. */
    static String binary(String name) {
        Path sbin = Path.of("/usr/sbin", name);
        return Files.isExecutable(sbin) ? sbin.toString() : name;
    }
}
