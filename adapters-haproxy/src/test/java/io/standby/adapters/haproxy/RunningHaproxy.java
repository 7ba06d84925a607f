package io.standby.adapters.haproxy;

import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy daemon for one test: started with `-D -p <pidfile>`, reloaded with `-sf`, and stopped by the PIDs
 * its pid file named, whether the test passed or not.
 */
final class RunningHaproxy implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final ProcessRunner runner = new ProcessRunner();
    private final Path dir;
    private final Path config;
    private final Path socket;
    private final Path pidFile;
    private final Set<Long> pids = new LinkedHashSet<>();

    RunningHaproxy(Path dir, Path config, Path socket) {
        this.dir = dir;
        this.config = config;
        this.socket = socket;
        this.pidFile = dir.resolve("haproxy.pid");
    }

    /** Fails the test, with what to do, when this machine has no haproxy to run. */
    static void requireBinary() {
        Completion version = new ProcessRunner().run(Command.of(Path.of("."), Duration.ofSeconds(10), "haproxy", "-v"));
        if (!version.succeeded() || !version.output().contains("HAProxy version 2.")) {
            fail("these tests need HAProxy 2.x as `haproxy` on the PATH (apt-get install haproxy); `haproxy -v` said: "
                    + version.tail(3));
        }
    }

    RunningHaproxy start() {
        daemon(List.of());
        return this;
    }

    /** What `systemctl reload` does without master-worker mode: a new process takes over, the old one finishes. */
    void reload() {
        long old = pid();
        daemon(List.of("-sf", Long.toString(old)));
        await("old haproxy " + old + " to finish").atMost(STARTUP)
                .until(() -> exited(old));
    }

    long pid() {
        return readPid().orElseThrow(() -> new AssertionError("no pid in " + pidFile));
    }

    @Override
    public void close() {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        for (long pid : pids) {
            await("haproxy " + pid + " to stop").atMost(STARTUP)
                    .until(() -> exited(pid));
        }
    }

    /**
     * Whether the process is gone. A daemon's parent is PID 1, which may reap it only later: a zombie has exited
     * (its sockets are closed) even though the JDK still reports it alive.
     */
    private static boolean exited(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException e) {
                return true;
            }
        }
        return true;
    }

    private void daemon(List<String> extra) {
        Optional<Long> before = readPid();
        List<String> arguments = new ArrayList<>(List.of("haproxy", "-D", "-f", config.toString(), "-p", pidFile.toString()));
        arguments.addAll(extra);
        Completion started = runner.run(Command.of(dir, STARTUP, arguments));
        readPid().filter(pid -> before.map(b -> !b.equals(pid)).orElse(true)).ifPresent(pids::add);
        assertThat(started.succeeded()).as("haproxy start: %s", started.output()).isTrue();
        long pid = pid();
        assertThat(before).as("a new haproxy process").isNotEqualTo(Optional.of(pid));
        RuntimeApi api = new RuntimeApi(socket, Duration.ofSeconds(2));
        await("haproxy " + pid + " to answer on " + socket).atMost(STARTUP).ignoreExceptions()
                .until(() -> api.execute("show info").contains("Pid: " + pid));
    }

    private Optional<Long> readPid() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text.lines().findFirst().orElseThrow()));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pidFile, e);
        }
    }
}
