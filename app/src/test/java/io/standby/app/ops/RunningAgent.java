package io.standby.app.ops;

import io.standby.app.it.Sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code standby run} from the fat jar with an environment of its own (the hook's secret, the notifiers' URLs), as
 * systemd's Environment= gives it; its log in the sandbox. Closing stops it as systemd does, with SIGTERM.
 */
final class RunningAgent implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RunningAgent(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RunningAgent start(Sandbox sandbox, Map<String, String> environment) {
        Path log = sandbox.root.resolve("agent.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Sandbox.JAR.toString(),
                "-c", sandbox.config.toString(), "run");
        ProcessBuilder builder = new ProcessBuilder(command).directory(sandbox.root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return new RunningAgent(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the log says it, or the agent has died. */
    void awaitLog(String words, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> log().contains(words) || !process.isAlive());
        assertThat(log()).as("the agent is alive and said: %s", words).contains(words);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // The agent's own words, for whoever reads a failure.
        System.out.println("--- " + log + " ---\n" + log());
    }
}
