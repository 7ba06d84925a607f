package io.standby.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * A real nginx in a test's own directory, listening on 127.0.0.1 only: its config, pid file, logs and temp files all
 * live there. Every master it starts is stopped by PID on {@link #close()}, whatever became of the pid file.
 */
public final class Nginx implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final int WORKERS = 2;

    private final Path dir;
    private final int port;
    private final Set<Long> masters = new LinkedHashSet<>();

    private Nginx(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Prepares the directory and a free port; nothing runs until {@link #start()}. */
    public static Nginx in(Path dir) {
        return in(dir, Loopback.freePort());
    }

    /** Prepares the directory, for nginx to listen on the given port of 127.0.0.1. */
    public static Nginx in(Path dir, int port) {
        try {
            // nginx -t and a reload without -e still open the prefix's logs/error.log first.
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Nginx(dir, port);
    }

    /** {@code nginx} where the system keeps it. */
    public static String binary() {
        return Programs.binary("nginx");
    }

    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    public Path config() {
        return dir.resolve("nginx.conf");
    }

    public Path pidFile() {
        return dir.resolve("nginx.pid");
    }

    public Path errorLogFile() {
        return dir.resolve("logs/error.log");
    }

    /**
     * Writes nginx.conf around the given content of its http block; {@code LISTEN} in it becomes 127.0.0.1:port. The
     * temp paths are the test's own, and as root the workers run as root, so that they can read the test's files.
     */
    public Path writeConfig(String http) {
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        String config = user
                + "daemon on;\n"
                + "worker_processes " + WORKERS + ";\n"
                + "pid " + pidFile() + ";\n"
                + "error_log " + errorLogFile() + " info;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n"
                + "    access_log off;\n"
                + "    client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "    proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + http.replace("LISTEN", "127.0.0.1:" + port)
                + "}\n";
        try {
            Files.createDirectories(dir);
            return Files.writeString(config(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nginx with this server's prefix, error log and config, followed by the given arguments. */
    public List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary(), "-p", dir + "/", "-e", errorLogFile().toString(),
                "-c", config().toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Starts nginx on the written config and waits until its master runs every worker and the port answers. */
    public Nginx start() {
        Programs.Ran version = Programs.run(dir, DEADLINE, List.of(binary(), "-v"));
        if (!version.succeeded()) {
            throw new AssertionError("these tests need nginx on the PATH (apt-get install nginx): " + version.output());
        }
        Programs.Ran started = Programs.run(dir, DEADLINE, command());
        if (!started.succeeded()) {
            throw new AssertionError("nginx did not start: " + started.output() + "\n" + errorLog());
        }
        long master = await("nginx's pid file " + pidFile()).atMost(DEADLINE).until(this::runningMaster, Optional::isPresent).get();
        masters.add(master);
        await("nginx " + master + " to run its workers and listen on " + port).atMost(DEADLINE)
                .until(() -> workers(master).size() >= WORKERS && Loopback.listening(port));
        return this;
    }

    /** Runs nginx with this server's prefix and config and the given arguments, e.g. {@code -s stop}; fails unless it exits 0. */
    public void signal(String... arguments) {
        Programs.Ran ran = Programs.run(dir, DEADLINE, command(arguments));
        if (!ran.succeeded()) {
            throw new AssertionError(String.join(" ", command(arguments)) + " failed: " + ran.output());
        }
    }

    /** The master's PID, as the pid file names it. */
    public long masterPid() {
        return runningMaster().orElseThrow(() -> new AssertionError("no running nginx master in " + pidFile()));
    }

    /** The master's children: its workers, old ones still finishing after a reload among them. */
    public static List<ProcessHandle> workers(long master) {
        return ProcessHandle.of(master).map(m -> m.children().filter(ProcessHandle::isAlive).toList()).orElse(List.of());
    }

    public String errorLog() {
        try {
            return Files.exists(errorLogFile()) ? Files.readString(errorLogFile()) : "(no error log)";
        } catch (IOException e) {
            return "(error log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGKILL for every master this started, then for its workers, and waits until they are gone: a graceful stop is
     * not under test, and a worker holding a slow request would keep it waiting.
     */
    @Override
    public void close() {
        masters.forEach(Pids::killTree);
        masters.clear();
    }

    private Optional<Long> runningMaster() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile()).strip();
            return text.matches("\\d+") ? Optional.of(Long.parseLong(text)).filter(pid -> !Pids.exited(pid)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
