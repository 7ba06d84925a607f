package io.standby.app.fleet;

import io.standby.adapters.haproxy.MinimalHaproxyConfig;
import io.standby.app.it.PhpProcesses;
import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;
import io.standby.domain.model.Slots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One server of a fleet on loopback, as its operator set it up: v1 of the sample app cloned from the fleet's repository
 * and started by hand on its blue port, its own HAProxy in front of its two slots, and its own Standby agent (the fat
 * jar) in the fleet. Everything it started is stopped by PID when it closes.
 */
final class FleetServer implements AutoCloseable {

    private static final Duration COMMAND = Duration.ofMinutes(2);

    final String name;
    final Path root;
    final int bluePort = Sandbox.freePort();
    final int greenPort = Sandbox.freePort();
    final int proxyPort = Sandbox.freePort();
    private final Path config;
    private Optional<Process> agent = Optional.empty();

    /** Cloned from {@code repository} at its head, installed, started on blue behind its own HAProxy. */
    FleetServer(String name, Path root, Path repository) {
        this.name = name;
        this.root = root;
        this.config = root.resolve("standby.yml");
        Path current = root.resolve("current");
        Programs.runOrFail(root.getParent(), COMMAND, List.of("git", "clone", "-q", repository.toUri().toString(), current.toString()));
        Programs.runOrFail(current, COMMAND, List.of("composer", "install", "-q", "--no-dev", "--optimize-autoloader", "--no-interaction"));
        Path mode = current.resolve("produce.php");
        Sandbox.writeTo(mode, Sandbox.read(mode).replaceFirst("'PORT' => \\d+,", "'PORT' => " + bluePort + ","));
        Programs.runOrFail(current, COMMAND, List.of("php", "easyswoole.php", "server", "start", "-d", "-mode=produce"));
        Sandbox.awaitListening(bluePort);
        Slots slots = Slots.of(bluePort, greenPort);
        Sandbox.writeTo(root.resolve("haproxy/haproxy.cfg"), new MinimalHaproxyConfig("127.0.0.1:" + proxyPort,
                root.resolve("haproxy/admin.sock"), "sample", slots, slots.blue()).render());
        Programs.runOrFail(root, COMMAND, List.of(haproxy(), "-D", "-f", root.resolve("haproxy/haproxy.cfg").toString(),
                "-p", root.resolve("haproxy/haproxy.pid").toString()));
        Sandbox.awaitListening(proxyPort);
    }

    /** The agent's configuration: short timings so a release takes seconds, and the fleet's section. */
    FleetServer configure(Path repository, String fleet) {
        Sandbox.writeTo(config, "app: sample\n"
                + "repository:\n  url: " + repository.toUri() + "\n  branch: master\n"
                + "poll-interval: 500ms\nmax-backoff: 2s\n"
                + "state-dir: " + root.resolve("state") + "\n"
                + "adopt-directory: " + root.resolve("current") + "\n"
                + "service:\n  mode: produce\n  start-timeout: 15s\n  stop-timeout: 10s\n"
                + "slots:\n  blue: " + bluePort + "\n  green: " + greenPort + "\n"
                + "health:\n  proxy-url: http://127.0.0.1:" + proxyPort + "\n  attempts: 40\n  interval: 250ms\n"
                + "drain:\n  minimum: 500ms\n  timeout: 20s\n"
                + "watch:\n  window: 1s\n  interval: 250ms\n"
                + "router:\n  kind: haproxy\n  haproxy:\n    socket: " + root.resolve("haproxy/admin.sock")
                + "\n    backend: sample\n    config-file: " + root.resolve("haproxy/haproxy.cfg")
                + "\n    binary: " + haproxy() + "\n"
                + "fleet:\n  host: " + name + "\n" + fleet);
        return this;
    }

    /** `standby run`, in the background; its log is agent.log. */
    void startAgent() {
        try {
            agent = Optional.of(new ProcessBuilder(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx192m",
                    "-jar", Sandbox.JAR.toString(), "-c", config.toString(), "run")
                    .directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("agent.log").toFile())).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as a service manager stops it; the exit code it ended with. */
    int stopAgent() {
        Process running = agent.orElseThrow();
        running.destroy();
        await().atMost(Duration.ofSeconds(60)).until(() -> !running.isAlive());
        return running.exitValue();
    }

    Programs.Ran standby(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-jar", Sandbox.JAR.toString(), "-c", config.toString()));
        command.addAll(List.of(args));
        return Programs.run(root, Duration.ofMinutes(1), command);
    }

    String agentLog() {
        return Files.exists(root.resolve("agent.log")) ? Sandbox.read(root.resolve("agent.log")) : "";
    }

    /** What this server's own proxy answers for GET /, or the failure. */
    String answer() {
        return FrontProxy.get(proxyPort);
    }

    @Override
    public void close() {
        agent.filter(Process::isAlive).ifPresent(Process::destroyForcibly);
        PhpProcesses.kill(root);
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".pid")).map(Sandbox::read).map(String::strip)
                    .flatMap(String::lines).filter(pid -> pid.matches("\\d+")).map(Long::parseLong)
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        } catch (IOException | UncheckedIOException e) {
            // Gone with the temp directory already.
        }
    }

    private static String haproxy() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
