package io.standby.app.fleet;

import io.standby.adapters.haproxy.MinimalHaproxyConfig;
import io.standby.app.it.PhpProcesses;
import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;
import io.standby.domain.model.Slots;
import io.standby.testsupport.Haproxy;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Nginx;
import io.standby.testsupport.Scratch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * One server of a fleet on loopback, as its operator set it up: v1 of the sample app cloned from the fleet's repository
 * and started by hand on its blue port, its own proxy in front of its two slots (HAProxy, or nginx in the reload-free
 * flag mode), and its own Standby agent (the fat jar) in the fleet. Everything it starts is owned by the test's {@link Scratch}, so stopped by PID when the test ends.
 */
final class FleetServer {

    private static final Duration COMMAND = Duration.ofMinutes(2);

    final String name;
    final Path root;
    final int bluePort = Loopback.freePort();
    final int greenPort = Loopback.freePort();
    final int proxyPort = Loopback.freePort();
    private final Scratch scratch;
    private final Path config;
    private final String routerSection;
    private Optional<Process> agent = Optional.empty();

    /**
     * Cloned from {@code repository} at its head into its own directory of the scratch, installed, started on blue
     * behind its own proxy; nginx's reload mode is left out, since each reload drops the front's idle connections.
     */
    FleetServer(Scratch scratch, String name, Path repository, Sandbox.Router router) {
        this.scratch = scratch;
        this.name = name;
        this.root = scratch.dir().resolve(name);
        this.config = root.resolve("standby.yml");
        // Owned first, so run last: once the agent that could start PHP is stopped.
        scratch.own(() -> PhpProcesses.kill(root));
        Path current = root.resolve("current");
        Programs.runOrFail(scratch.dir(), COMMAND, List.of("git", "clone", "-q", repository.toUri().toString(), current.toString()));
        Programs.runOrFail(current, COMMAND, List.of("composer", "install", "-q", "--no-dev", "--optimize-autoloader", "--no-interaction"));
        Path mode = current.resolve("produce.php");
        Sandbox.writeTo(mode, Sandbox.read(mode).replaceFirst("'PORT' => \\d+,", "'PORT' => " + bluePort + ","));
        Programs.runOrFail(current, COMMAND, List.of("php", "easyswoole.php", "server", "start", "-d", "-mode=produce"));
        Sandbox.awaitListening(bluePort);
        this.routerSection = switch (router) {
            case HAPROXY -> startHaproxy();
            case NGINX_FLAG -> startNginxInFlagMode();
            case NGINX_RELOAD -> throw new IllegalArgumentException("a fleet server's nginx runs in flag mode here");
        };
        Sandbox.awaitListening(proxyPort);
    }

    private String startHaproxy() {
        Slots slots = Slots.of(bluePort, greenPort);
        Sandbox.writeTo(haproxyConfig(), new MinimalHaproxyConfig("127.0.0.1:" + proxyPort, haproxySocket(), "sample",
                slots, slots.blue()).render());
        scratch.own(Haproxy.of(haproxyConfig(), haproxySocket())).start();
        return "router:\n  kind: haproxy\n  haproxy:\n    socket: " + haproxySocket()
                + "\n    backend: sample\n    config-file: " + haproxyConfig()
                + "\n    binary: " + Haproxy.binary() + "\n";
    }

    /** Two upstreams and a flag file choosing between them, as `standby nginx-config` prints them: no reload at a switch. */
    private String startNginxInFlagMode() {
        Path flag = root.resolve("flags/green");
        try {
            Files.createDirectories(flag.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Nginx nginx = scratch.own(Nginx.in(root.resolve("nginx"), proxyPort));
        nginx.writeConfig("    keepalive_timeout 65;\n"
                + "    upstream sample_blue  { server 127.0.0.1:" + bluePort + "; keepalive 16; }\n"
                + "    upstream sample_green { server 127.0.0.1:" + greenPort + "; keepalive 16; }\n"
                + "    server {\n        listen LISTEN;\n"
                + "        set $standby_pool sample_blue;\n"
                + "        if (-f " + flag + ") { set $standby_pool sample_green; }\n"
                + "        location / {\n            proxy_pass http://$standby_pool;\n"
                + "            proxy_http_version 1.1;\n            proxy_set_header Connection \"\";\n        }\n"
                + "    }\n");
        nginx.start();
        return "router:\n  kind: nginx\n  nginx:\n    mode: flag\n    upstream: sample\n    flag-file: " + flag
                + "\n    pid-file: " + nginx.pidFile()
                + "\n    dump-command: [" + String.join(", ", nginx.command("-T")) + "]\n";
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
                + routerSection
                + "fleet:\n  host: " + name + "\n" + fleet);
        return this;
    }

    /**
     * The agent's listener on {@code listenPort} with GitHub's push hook, whose secret it reads from the variable
     * STANDBY_WEBHOOK_SECRET, and the branch read once a minute: only a push explains a rollout within seconds.
     */
    FleetServer listeningForPushes(int listenPort) {
        Sandbox.writeTo(config, Sandbox.read(config).replace("poll-interval: 500ms\nmax-backoff: 2s", "poll-interval: 60s\nmax-backoff: 60s")
                + "listen:\n  port: " + listenPort + "\n"
                + "webhook:\n  forge: github\n  secret-env: STANDBY_WEBHOOK_SECRET\n");
        return this;
    }

    /** `standby run`, in the background; its log is agent.log. */
    void startAgent() {
        startAgent(Map.of());
    }

    /** `standby run` with these variables added to its environment. */
    void startAgent(Map<String, String> environment) {
        try {
            ProcessBuilder run = new ProcessBuilder(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xmx192m", "-jar", Sandbox.JAR.toString(), "-c", config.toString(), "run")
                    .directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("agent.log").toFile()));
            run.environment().putAll(environment);
            agent = Optional.of(scratch.own(run.start()));
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
        List<String> command = new ArrayList<>(List.of(java(), "-jar", Sandbox.JAR.toString(), "-c", config.toString()));
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

    private Path haproxyConfig() {
        return root.resolve("haproxy/haproxy.cfg");
    }

    private Path haproxySocket() {
        return root.resolve("haproxy/admin.sock");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
