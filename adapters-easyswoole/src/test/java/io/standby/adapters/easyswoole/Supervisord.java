package io.standby.adapters.easyswoole;

import io.standby.os.ProcFs;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real supervisord (Debian's supervisor package) of a test's own: config, socket, pid file and logs in a temp
 * directory, programs that never start by themselves. {@link #close()} stops it by its PID and kills any child it
 * leaves, pass or fail.
 */
final class Supervisord implements AutoCloseable {

    /** A {@code [program:x]} section: what a slot's program looks like in production, but started only when asked. */
    record Program(String name, Path directory, String command) {
        String section() {
            return "[program:" + name + "]\n"
                    + "command=" + command + "\n"
                    + "directory=" + directory + "\n"
                    + "autostart=false\n"
                    + "autorestart=true\n"
                    + "startsecs=1\n"
                    + "stopasgroup=true\n"
                    + "killasgroup=true\n"
                    + "stopwaitsecs=10\n";
        }
    }

    private static final ProcFs PROC_NET = ProcFs.system();

    private final Path dir;
    private final long pid;

    private Supervisord(Path dir, long pid) {
        this.dir = dir;
        this.pid = pid;
    }

    /** Starts supervisord with these programs and waits until supervisorctl gets answers from it. */
    static Supervisord start(Path dir, List<Program> programs) {
        SampleApp.require("supervisord", "--version");
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
        Completion launched = new ProcessRunner().run(Command.of(dir, Duration.ofSeconds(20), "supervisord", "-c", dir.resolve("supervisord.conf").toString()));
        assertThat(launched.succeeded()).as("supervisord started: %s", launched.output()).isTrue();
        Path pidFile = dir.resolve("supervisord.pid");
        long pid = await().atMost(Duration.ofSeconds(10)).until(() -> readPid(pidFile), OptionalLong::isPresent).getAsLong();
        Supervisord supervisord = new Supervisord(dir, pid);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> supervisord.ctl("status").output().contains("STOPPED"));
        } catch (RuntimeException e) {
            supervisord.close();
            throw e;
        }
        return supervisord;
    }

    Path config() {
        return dir.resolve("supervisord.conf");
    }

    /** supervisorctl against this supervisord, for a test's own look. */
    Completion ctl(String... arguments) {
        List<String> line = new ArrayList<>(List.of("supervisorctl", "-c", config().toString()));
        line.addAll(List.of(arguments));
        return new ProcessRunner().run(Command.of(dir, Duration.ofSeconds(20), line));
    }

    /** The program's state word as supervisorctl status prints it: RUNNING, STOPPED, FATAL... */
    String state(String program) {
        String[] words = ctl("status", program).output().strip().split("\\s+");
        return words.length > 1 ? words[1] : String.join(" ", words);
    }

    /**
     * Kills supervisord and every process under it. Its graceful shutdown is not under test and takes seconds (it
     * stops its programs, then leaves its loop): SIGKILL, then its children, which it can no longer restart.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        children.forEach(ProcessHandle::destroyForcibly);
        // Not our child, so a zombie until init reaps it: ProcessHandle would still call it alive.
        await().atMost(Duration.ofSeconds(10)).until(() -> !PROC_NET.runs(pid) && children.stream().noneMatch(c -> PROC_NET.runs(c.pid())));
    }

    private static OptionalLong readPid(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            return PROC_NET.runs(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
