package io.standby.adapters.nginx;

import io.standby.os.ProcFs;
import io.standby.os.ProcessStat;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A real nginx in a test's own directory, listening on 127.0.0.1 only: its config, pid file, logs and temp
 * files all live there, and {@link #close()} stops it by the master's pid.
 */
final class NginxServer implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final ProcessRunner runner = new ProcessRunner();
    private final ProcFs proc = ProcFs.system();
    private Optional<Long> master = Optional.empty();

    private NginxServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Prepares a directory and a free port; nothing runs until {@link #start()}. */
    static NginxServer in(Path dir) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new NginxServer(dir, probe.getLocalPort());
        }
    }

    int port() {
        return port;
    }

    Path config() {
        return dir.resolve("nginx.conf");
    }

    Path pidFile() {
        return dir.resolve("nginx.pid");
    }

    /** Writes nginx.conf around the given http-block content; {@code LISTEN} in it becomes 127.0.0.1:port. */
    Path writeConfig(String http) throws IOException {
        String user = System.getProperty("user.name").equals("root") ? "user root;\n" : "";
        String config = user
                + "daemon on;\n"
                + "worker_processes 2;\n"
                + "pid " + pidFile() + ";\n"
                + "error_log " + dir.resolve("error.log") + " info;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "    access_log off;\n"
                + "    client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "    proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + http.replace("LISTEN", "127.0.0.1:" + port)
                + "}\n";
        return Files.writeString(config(), config);
    }

    /** nginx with this server's prefix, error log and config, followed by the given arguments. */
    List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of("nginx", "-p", dir + "/", "-e", dir.resolve("error.log").toString(),
                "-c", config().toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    NginxServer start() {
        Completion version = runner.run(Command.of(dir, TIMEOUT, "nginx", "-v"));
        if (!version.succeeded()) {
            fail("the nginx integration tests need nginx (1.22) on the PATH, e.g. `apt-get install nginx`: " + version.output());
        }
        Completion started = runner.run(Command.of(dir, TIMEOUT, command()));
        if (!started.succeeded()) {
            fail("nginx did not start: " + started.output() + "\n" + errorLog());
        }
        NginxMaster nginx = new NginxMaster(pidFile(), proc);
        await().atMost(TIMEOUT).until(() -> nginx.pid().isPresent() && !nginx.workers(nginx.pid().get()).isEmpty());
        master = nginx.pid();
        return this;
    }

    long masterPid() {
        return master.orElseThrow();
    }

    List<NginxMaster.Worker> workers() {
        return new NginxMaster(pidFile(), proc).workers(masterPid());
    }

    String errorLog() {
        try {
            return Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "(no error log)";
        } catch (IOException e) {
            return "(error log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Graceful stop (SIGQUIT) by the master's pid; SIGKILL for it and its children if it does not go in time. */
    @Override
    public void close() {
        if (master.isEmpty()) {
            return;
        }
        long pid = master.get();
        List<Long> family = Stream.concat(Stream.of(pid), proc.children(pid).stream().map(ProcessStat::pid)).toList();
        runner.run(Command.of(dir, TIMEOUT, "kill", "-QUIT", Long.toString(pid)));
        try {
            // A stopped master the init process never reaps stays a zombie: ProcFs counts that as gone.
            await().atMost(Duration.ofSeconds(10)).until(() -> family.stream().noneMatch(proc::runs));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            family.forEach(p -> runner.run(Command.of(dir, TIMEOUT, "kill", "-KILL", Long.toString(p))));
        }
        master = Optional.empty();
    }
}
