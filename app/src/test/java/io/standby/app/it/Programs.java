package io.standby.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real programs a test needs (git, composer, php, nginx, the agent's jar) as argument lists. */
public final class Programs {

    private Programs() {
    }

    /** How a program ended. */
    public record Ran(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public static Ran run(Path dir, Duration timeout, List<String> command) {
        return run(dir, timeout, Map.of(), command);
    }

    public static Ran run(Path dir, Duration timeout, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().putAll(env);
            Path out = java.nio.file.Files.createTempFile("standby-it", ".out");
            Path err = java.nio.file.Files.createTempFile("standby-it", ".err");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            Ran ran = new Ran(process.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
            return ran;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": is it installed? bin/test installs it. " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static Ran runOrFail(Path dir, Duration timeout, List<String> command) {
        Ran ran = run(dir, timeout, command);
        if (ran.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + ran.exit() + "): " + ran.all());
        }
        return ran;
    }
}
