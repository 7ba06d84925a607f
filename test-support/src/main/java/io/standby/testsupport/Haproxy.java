package io.standby.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
 * A real HAProxy daemon for one test, as a Debian service runs it: started with {@code -D -p <pid file>} from a config
 * the test wrote, reloaded with {@code -sf}, and every process it ever ran stopped by PID on {@link #close()}.
 */
public final class Haproxy implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Path config;
    private final Path statsSocket;
    private final Path pidFile;
    private final Set<Long> pids = new LinkedHashSet<>();

    private Haproxy(Path config, Path statsSocket) {
        this.config = config;
        this.statsSocket = statsSocket;
        this.pidFile = config.resolveSibling("haproxy.pid");
    }

    /**
     * HAProxy for the config file, whose {@code stats socket} is the given path (a start is over when it answers there);
     * its pid file goes beside the config. Nothing runs until {@link #start()}.
     */
    public static Haproxy of(Path config, Path statsSocket) {
        return new Haproxy(config, statsSocket);
    }

    /** {@code haproxy} where the system keeps it. */
    public static String binary() {
        return Programs.binary("haproxy");
    }

    /** Fails the test, with what to do, when this machine has no HAProxy 2.x to run. */
    public static void requireBinary() {
        Programs.Ran version = Programs.run(Path.of("."), DEADLINE, List.of(binary(), "-v"));
        if (!version.succeeded() || !version.output().contains("HAProxy version 2.")) {
            throw new AssertionError("these tests need HAProxy 2.x as `haproxy` (apt-get install haproxy); `haproxy -v` said: "
                    + version.output());
        }
    }

    public Path pidFile() {
        return pidFile;
    }

    /** Starts a daemon from the config file and waits until it answers on its stats socket. */
    public Haproxy start() {
        daemon(List.of());
        return this;
    }

    /** What {@code systemctl reload} does without master-worker mode: a new process takes over, the old one finishes. */
    public void reload() {
        long old = pid();
        daemon(List.of("-sf", Long.toString(old)));
        await("old haproxy " + old + " to finish").atMost(DEADLINE).until(() -> Pids.exited(old));
    }

    /** The PID the pid file names. */
    public long pid() {
        return readPid().orElseThrow(() -> new AssertionError("no pid in " + pidFile));
    }

    /** SIGTERM for every process this started, as {@code systemctl stop} does, and waits until they are gone. */
    public void stop() {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        Pids.awaitExited(List.copyOf(pids));
        pids.clear();
    }

    /** Stops every process this started; SIGKILL for any that outlives SIGTERM. */
    @Override
    public void close() {
        List<Long> started = List.copyOf(pids);
        try {
            stop();
        } finally {
            started.forEach(Pids::killTree);
        }
    }

    private void daemon(List<String> extra) {
        Optional<Long> before = readPid();
        List<String> arguments = new ArrayList<>(List.of(binary(), "-D", "-f", config.toString(), "-p", pidFile.toString()));
        arguments.addAll(extra);
        Programs.Ran started = Programs.run(config.getParent(), DEADLINE, arguments);
        readPid().filter(pid -> !before.equals(Optional.of(pid))).ifPresent(pids::add);
        if (!started.succeeded()) {
            throw new AssertionError("haproxy did not start: " + started.output());
        }
        long pid = pid();
        if (before.equals(Optional.of(pid))) {
            throw new AssertionError("haproxy started, yet " + pidFile + " still names the old process " + pid);
        }
        await("haproxy " + pid + " to answer on " + statsSocket).atMost(DEADLINE).ignoreExceptions()
                .until(() -> ask("show info").contains("Pid: " + pid));
    }

    /** One command on the stats socket, and HAProxy's whole answer (it closes the connection after it). */
    private String ask(String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(statsSocket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }

    private Optional<Long> readPid() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return Files.readString(pidFile).lines().map(String::strip).filter(line -> line.matches("\\d+")).findFirst()
                    .map(Long::parseLong);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pidFile, e);
        }
    }
}
