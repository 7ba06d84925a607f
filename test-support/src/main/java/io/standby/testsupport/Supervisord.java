package io.standby.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.awaitility.Awaitility.await;

/**
 * A real supervisord (Debian's supervisor package) of a test's own: config, socket, pid file and logs in the test's
 * directory, programs that never start by themselves. {@link #close()} kills it by its PID, and every process it ran.
 */
public final class Supervisord implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /**
     * A {@code [program:x]} section as a slot's program looks in production (the README's), but started only when asked;
     * supervisord waits {@code stopWaitSeconds} after SIGTERM before it kills the group.
     */
    public record Program(String name, Path directory, String command, int stopWaitSeconds) {

        public Program(String name, Path directory, String command) {
            this(name, directory, command, 10);
        }

        String section() {
            return "[program:" + name + "]\n"
                    + "command=" + command + "\n"
                    + "directory=" + directory + "\n"
                    + "autostart=false\n"
                    + "autorestart=true\n"
                    + "startsecs=1\n"
                    + "stopsignal=TERM\n"
                    + "stopwaitsecs=" + stopWaitSeconds + "\n"
                    + "stopasgroup=true\n"
                    + "killasgroup=true\n"
                    + "redirect_stderr=false\n";
        }
    }

    private final Path dir;
    private final long pid;

    private Supervisord(Path dir, long pid) {
        this.dir = dir;
        this.pid = pid;
    }

    /** Starts supervisord with these programs and waits until supervisorctl gets answers from it. */
    public static Supervisord start(Path dir, List<Program> programs) {
        Programs.Ran version = Programs.run(Path.of("."), DEADLINE, List.of("supervisord", "--version"));
        if (!version.succeeded()) {
            throw new AssertionError("this test needs supervisord (apt-get install supervisor): " + version.output());
        }
        try {
            Files.createDirectories(dir.resolve("logs"));
            StringBuilder conf = new StringBuilder()
                    .append("[unix_http_server]\nfile=").append(dir.resolve("supervisor.sock")).append("\nchmod=0700\n\n")
                    .append("[supervisord]\npidfile=").append(dir.resolve("supervisord.pid"))
                    .append("\nlogfile=").append(dir.resolve("supervisord.log"))
                    .append("\nchildlogdir=").append(dir.resolve("logs")).append("\n\n")
                    .append("[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n")
                    .append("[supervisorctl]\nserverurl=unix://").append(dir.resolve("supervisor.sock")).append("\n\n");
            programs.forEach(program -> conf.append(program.section()).append('\n'));
            Files.writeString(dir.resolve("supervisord.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // supervisord daemonizes: this returns once it has forked, and the daemon writes its pid file after.
        Programs.Ran launched = Programs.run(dir, DEADLINE, List.of("supervisord", "-c", dir.resolve("supervisord.conf").toString()));
        if (!launched.succeeded()) {
            throw new AssertionError("supervisord did not start: " + launched.output());
        }
        Path pidFile = dir.resolve("supervisord.pid");
        long pid = await("supervisord's pid file " + pidFile).atMost(DEADLINE).until(() -> readPid(pidFile), OptionalLong::isPresent).getAsLong();
        Supervisord supervisord = new Supervisord(dir, pid);
        try {
            await("supervisorctl to get answers").atMost(DEADLINE).until(() -> supervisord.ctl("status").contains("STOPPED"));
        } catch (RuntimeException | Error e) {
            supervisord.close();
            throw e;
        }
        return supervisord;
    }

    public Path config() {
        return dir.resolve("supervisord.conf");
    }

    /** supervisorctl against this supervisord, for a test's own look: what it printed, both streams. */
    public String ctl(String... arguments) {
        List<String> line = new ArrayList<>(List.of("supervisorctl", "-c", config().toString()));
        line.addAll(List.of(arguments));
        return Programs.run(dir, DEADLINE, line).output();
    }

    /** The program's state word as supervisorctl status prints it: RUNNING, STOPPED, FATAL... */
    public String state(String program) {
        String[] words = ctl("status", program).strip().split("\\s+");
        return words.length > 1 ? words[1] : String.join(" ", words);
    }

    /**
     * Kills supervisord and every process under it. Its graceful shutdown is not under test and takes seconds (it stops
     * its programs, then leaves its loop): SIGKILL, then its children, which it can no longer restart.
     */
    @Override
    public void close() {
        Pids.killTree(pid);
    }

    private static OptionalLong readPid(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            return Pids.exited(pid) ? OptionalLong.empty() : OptionalLong.of(pid);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
