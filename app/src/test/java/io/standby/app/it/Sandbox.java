package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.adapters.haproxy.MinimalHaproxyConfig;
import io.standby.domain.model.Slots;
import io.standby.testsupport.Haproxy;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Nginx;
import io.standby.testsupport.Scratch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server on loopback in a test's {@link Scratch} directory, as an operator of the tutorial has it: a bare
 * repository, nginx in front, and v1 of the sample EasySwoole app started by hand on the blue port. Everything it
 * starts is owned by the scratch, so stopped by PID when the test ends, pass or fail.
 */
public final class Sandbox {

    public enum Router { NGINX_RELOAD, NGINX_FLAG, HAPROXY }

    public static final Path SAMPLE_APP = Path.of(System.getProperty("standby.sampleApp", "../sample-app")).toAbsolutePath().normalize();
    public static final Path JAR = Path.of("target/standby.jar").toAbsolutePath();
    private static final Duration COMMAND = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Path root;
    public final Path bare;
    public final Path work;
    public final Path current;
    public final Path state;
    public final Path config;
    public final int bluePort = Loopback.freePort();
    public final int greenPort = Loopback.freePort();
    public final int proxyPort = Loopback.freePort();
    public final Router router;
    private final Scratch scratch;
    private Optional<Nginx> nginx = Optional.empty();
    private Optional<Haproxy> haproxy = Optional.empty();

    public Sandbox(Scratch scratch, Router router) {
        this.scratch = scratch;
        this.root = scratch.dir();
        this.router = router;
        // Owned first, so run last: once the agents that could start PHP are stopped.
        scratch.own(this::stopPhp);
        this.bare = root.resolve("git/app.git");
        this.work = root.resolve("work");
        this.current = root.resolve("current");
        this.state = root.resolve("state");
        this.config = root.resolve("standby.yml");
    }

    /** The tutorial's starting point: v1 pushed, cloned by hand, installed and started on the blue port behind the proxy. */
    public Sandbox withHandDeployedV1() {
        git(root, "init", "--bare", "--initial-branch=master", bare.toString());
        copyTree(SAMPLE_APP, work);
        git(work, "init", "--initial-branch=master");
        git(work, "remote", "add", "origin", bare.toUri().toString());
        writeFile("VERSION", "1");
        commitAndPush("v1");
        git(root, "clone", "--branch", "master", bare.toUri().toString(), current.toString());
        Programs.runOrFail(current, COMMAND, List.of("composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction"));
        setPort(current.resolve("produce.php"), bluePort);
        Programs.runOrFail(current, COMMAND, List.of("php", "easyswoole.php", "server", "start", "-d", "-mode=produce"));
        awaitListening(bluePort);
        startProxy();
        return this;
    }

    private void startProxy() {
        switch (router) {
            case NGINX_RELOAD, NGINX_FLAG -> startNginx();
            case HAPROXY -> startHaproxy();
        }
    }

    private void startNginx() {
        try {
            Files.createDirectories(root.resolve("flags"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String upstreams;
        String location;
        if (router == Router.NGINX_RELOAD) {
            // The tutorial's layout: one upstream block whose server line Standby rewrites, then reloads.
            upstreams = "    upstream easyswoole.relase.com {\n           server    127.0.0.1:" + bluePort + ";\n    }\n";
            location = "        location / {\n            proxy_pass http://easyswoole.relase.com;\n"
                    + "            proxy_http_version 1.1;\n            proxy_set_header Connection \"\";\n        }\n";
        } else {
            upstreams = "    upstream sample_blue  { server 127.0.0.1:" + bluePort + "; keepalive 16; }\n"
                    + "    upstream sample_green { server 127.0.0.1:" + greenPort + "; keepalive 16; }\n";
            location = "        set $standby_pool sample_blue;\n"
                    + "        if (-f " + flagFile() + ") { set $standby_pool sample_green; }\n"
                    + "        location / {\n            proxy_pass http://$standby_pool;\n"
                    + "            proxy_http_version 1.1;\n            proxy_set_header Connection \"\";\n        }\n";
        }
        Nginx server = scratch.own(Nginx.in(root.resolve("nginx"), proxyPort));
        server.writeConfig("    keepalive_timeout 65;\n" + upstreams + "    server {\n        listen LISTEN;\n" + location + "    }\n");
        nginx = Optional.of(server.start());
    }

    private void startHaproxy() {
        Path config = root.resolve("haproxy/haproxy.cfg");
        Slots slots = Slots.of(bluePort, greenPort);
        writeTo(config, new MinimalHaproxyConfig("127.0.0.1:" + proxyPort, haproxySocket(), "sample", slots, slots.blue()).render());
        haproxy = Optional.of(scratch.own(Haproxy.of(config, haproxySocket())).start());
        awaitListening(proxyPort);
    }

    /** The nginx in front, for a test that stops, starts or signals it. */
    public Nginx nginx() {
        return nginx.orElseThrow(() -> new IllegalStateException("the sandbox runs no nginx: " + router));
    }

    /** The HAProxy in front, for a test that stops or starts it. */
    public Haproxy haproxy() {
        return haproxy.orElseThrow(() -> new IllegalStateException("the sandbox runs no HAProxy: " + router));
    }

    public Path haproxySocket() {
        return root.resolve("haproxy/admin.sock");
    }

    public Path nginxConf() {
        return root.resolve("nginx/nginx.conf");
    }

    public Path flagFile() {
        return root.resolve("flags/green");
    }

    /** How fast the agent polls, watches and drains; the defaults make a release take seconds. */
    public record Timings(Duration pollInterval, Duration watchWindow, Duration drainMinimum) {
        public static final Timings DEFAULT = new Timings(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1));
        /**
         * For tests that release many times: a 300 ms poll, a 1 s watch window and a 500 ms drain; every stage still
         * lasts long enough to be killed in.
         */
        public static final Timings QUICK = new Timings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    /** The agent's configuration for this sandbox, with short timings so a release takes seconds. */
    public Sandbox writeConfig(String extra) {
        return writeConfig(Timings.DEFAULT, extra);
    }

    /** The agent's configuration with the given timings; {@code extra} YAML is appended as it is. */
    public Sandbox writeConfig(Timings timings, String extra) {
        String routerSection = switch (router) {
            case NGINX_RELOAD -> "router:\n  kind: nginx\n  nginx:\n    mode: reload\n    config-file: " + nginxConf()
                    + "\n    upstream: easyswoole.relase.com\n    pid-file: " + root.resolve("nginx/nginx.pid")
                    + "\n    test-command: " + yamlList(nginx().command("-t", "-q"))
                    + "\n    reload-command: " + yamlList(nginx().command("-s", "reload")) + "\n";
            case NGINX_FLAG -> "router:\n  kind: nginx\n  nginx:\n    mode: flag\n    upstream: sample\n    flag-file: " + flagFile()
                    + "\n    pid-file: " + root.resolve("nginx/nginx.pid")
                    + "\n    dump-command: " + yamlList(nginx().command("-T")) + "\n";
            case HAPROXY -> "router:\n  kind: haproxy\n  haproxy:\n    socket: " + haproxySocket() + "\n    backend: sample"
                    + "\n    config-file: " + root.resolve("haproxy/haproxy.cfg") + "\n    binary: " + Haproxy.binary() + "\n";
        };
        String yaml = "app: sample\n"
                + "repository:\n  url: " + bare.toUri() + "\n  branch: master\n"
                + "poll-interval: " + timings.pollInterval().toMillis() + "ms\nmax-backoff: 2s\n"
                + "state-dir: " + state + "\n"
                + "adopt-directory: " + current + "\n"
                + "service:\n  mode: produce\n  start-timeout: 15s\n  stop-timeout: 10s\n"
                + "slots:\n  blue: " + bluePort + "\n  green: " + greenPort + "\n"
                + "health:\n  proxy-url: http://127.0.0.1:" + proxyPort + "\n  attempts: 40\n  interval: 250ms\n"
                + "drain:\n  minimum: " + timings.drainMinimum().toMillis() + "ms\n  timeout: 20s\n"
                + "watch:\n  window: " + timings.watchWindow().toMillis() + "ms\n  interval: 250ms\n"
                + routerSection + extra;
        writeTo(config, yaml);
        return this;
    }

    private static String yamlList(List<String> words) {
        return "[" + String.join(", ", words) + "]";
    }

    // --- the repository ---

    public void writeFile(String name, String content) {
        writeTo(work.resolve(name), content);
    }

    public void deleteFile(String name) {
        try {
            Files.deleteIfExists(work.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String commitAndPush(String message) {
        git(work, "add", "-A");
        git(work, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", message);
        git(work, "push", "-q", "origin", "HEAD:master");
        return git(work, "rev-parse", "HEAD").strip();
    }

    /**
     * Pushes commits that change no file, one after the other on the branch, written by one {@code git fast-import}
     * rather than a git process each; returns their ids, oldest first.
     */
    public List<String> pushEmptyCommits(int count) {
        String head = git(work, "rev-parse", "HEAD").strip();
        StringBuilder stream = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String message = "filler " + i + "\n";
            stream.append("commit refs/heads/master\n")
                    .append("committer Dev <dev@example.com> ").append(1767225600 + i).append(" +0000\n")
                    .append("data ").append(message.getBytes(StandardCharsets.UTF_8).length).append('\n').append(message)
                    .append(i == 1 ? "from " + head + "\n" : "").append('\n');
        }
        Path input = root.resolve("fast-import.txt");
        writeTo(input, stream.toString());
        try {
            Process importer = new ProcessBuilder("git", "fast-import", "--quiet").directory(work.toFile())
                    .redirectInput(input.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("fast-import.log").toFile())).start();
            if (!importer.waitFor(COMMAND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || importer.exitValue() != 0) {
                importer.destroyForcibly();
                throw new IllegalStateException("git fast-import failed: " + read(root.resolve("fast-import.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        git(work, "push", "-q", "origin", "HEAD:master");
        List<String> ids = new ArrayList<>(git(work, "rev-list", "--max-count=" + count, "HEAD").strip().lines().toList());
        java.util.Collections.reverse(ids);
        return ids;
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Programs.runOrFail(dir, COMMAND, command).out();
    }

    // --- the agent ---

    public Programs.Ran standby(String... args) {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString(), "-c", config.toString()));
        command.addAll(List.of(args));
        return Programs.run(root, Duration.ofMinutes(3), command);
    }

    /** Starts {@code standby run} in the background; it is stopped when the test ends. */
    public Process startAgent() {
        try {
            ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "-c", config.toString(), "run")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("agent.log").toFile()));
            return scratch.own(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code standby run} and waits until it has adopted the hand-deployed v1. */
    public Process startAdoptingAgent() {
        Process agent = startAgent();
        await("the agent adopts v1").atMost(Duration.ofSeconds(60)).until(() -> agentLog().contains("adopted"));
        return agent;
    }

    public String agentLog() {
        return Files.exists(root.resolve("agent.log")) ? read(root.resolve("agent.log")) : "";
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, children (composer, php CLI) live on. */
    public static void kill(Process agent) {
        agent.toHandle().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.isAlive());
    }

    /** SIGTERM, as systemd stops the agent: a release under way finishes first. */
    public static void stop(Process agent) {
        agent.destroy();
        await().atMost(Duration.ofSeconds(60)).until(() -> !agent.isAlive());
    }

    /** What the journal says is under way (in-flight.json), read without the agent. */
    public Optional<JsonNode> inFlightJournal() {
        return readJson(state.resolve("in-flight.json"));
    }

    /** The history as the journal holds it (history.jsonl), oldest first, read without the agent. */
    public List<JsonNode> historyJournal() {
        Path file = state.resolve("history.jsonl");
        if (Files.notExists(file)) {
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        for (String line : read(file).split("\n")) {
            try {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                throw new AssertionError("history.jsonl holds a line that is not JSON: " + line, e);
            }
        }
        return entries;
    }

    /** What the journal says is live (live.json), read without the agent. */
    public Optional<JsonNode> liveJournal() {
        return readJson(state.resolve("live.json"));
    }

    private static Optional<JsonNode> readJson(Path file) {
        try {
            return Optional.of(JSON.readTree(Files.readString(file)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code standby <command> --json}, parsed; fails the test if the command does not exit 0. */
    public JsonNode standbyJson(String command) {
        Programs.Ran ran = standby(command, "--json");
        if (ran.exit() != 0) {
            throw new AssertionError("standby " + command + " --json exited " + ran.exit() + ": " + ran.all());
        }
        try {
            return JSON.readTree(ran.out());
        } catch (IOException e) {
            throw new AssertionError("standby " + command + " --json printed no JSON: " + ran.all(), e);
        }
    }

    public Path releasesDir() {
        return state.resolve("releases");
    }

    public Path logsDir() {
        return state.resolve("logs");
    }

    /** The names in a directory, sorted; empty if it does not exist. */
    public static List<String> namesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // --- looking at the world ---

    /** The body nginx answers for GET /, or the failure. */
    public String throughProxy() {
        return throughProxy("/");
    }

    /** The status and body the proxy answers for GET path, or the failure. */
    public String throughProxy(String path) {
        return ProxyAnswer.get(proxyPort, path, Duration.ofSeconds(5));
    }

    /** When the agent last asked the repository for the branch's head, from {@code status --json}. */
    public java.time.Instant lastPoll() {
        try {
            var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(standby("status", "--json").out());
            var checkedAt = status.path("source").path("checkedAt");
            return checkedAt.isTextual() ? java.time.Instant.parse(checkedAt.asText()) : java.time.Instant.EPOCH;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit of each history entry, newest first, from {@code history --json}. */
    public List<String> historyShas() {
        try {
            var entries = new com.fasterxml.jackson.databind.ObjectMapper().readTree(standby("history", "--json", "--limit", "1000").out());
            List<String> shas = new ArrayList<>();
            entries.forEach(e -> shas.add(e.path("revision").path("sha").asText()));
            return shas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit of the hand-deployed v1 that the agent adopted. */
    public String adoptedSha() {
        return git(current, "rev-parse", "HEAD").strip();
    }

    public static boolean isListening(int port) {
        return Loopback.listening(port);
    }

    public static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(20)).until(() -> isListening(port));
    }

    /**
     * Whether the release of the commit is live and over: the journal names it live with nothing in flight, and the
     * other slot's port is free.
     */
    public boolean settledOn(String sha) {
        Optional<JsonNode> live = liveJournal();
        if (live.isEmpty() || inFlightJournal().isPresent()
                || !live.get().path("release").path("revision").path("sha").asText().equals(sha)) {
            return false;
        }
        int livePort = live.get().path("slot").path("port").asInt();
        return !isListening(livePort == bluePort ? greenPort : bluePort);
    }

    /**
     * Waits out the release of version 2 into green while {@code load} runs: green answers through the proxy within
     * {@code switchWithin}; the release is over, nothing in flight and blue's port free (a Swoole server closes its
     * listening socket first and exits once its workers are done, so the port alone does not say it); and the load
     * goes on after it.
     */
    public void awaitVersion2LiveInGreen(KeepAliveLoad load, Duration switchWithin) {
        await().atMost(switchWithin).pollInterval(Duration.ofMillis(200))
                .until(() -> throughProxy().contains("version 2 on port " + greenPort));
        await().atMost(Duration.ofSeconds(60)).until(() -> !isListening(bluePort) && inFlightJournal().isEmpty());
        long afterSwitch = load.succeeded();
        await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() > afterSwitch + 200);
    }

    /**
     * What a release must leave once over, whatever happened on the way: {@code status --json} shows nothing under way
     * and the commit live; the proxy serves that version from the live slot and answers health; the other slot's port
     * is free. Returns status's live entry.
     */
    public JsonNode assertOnlyLiveServes(String sha, String version, String context) {
        JsonNode status = standbyJson("status");
        assertThat(status.path("inFlight").isNull()).as("status --json shows no deployment under way: %s", status).isTrue();
        JsonNode live = status.path("live");
        assertThat(live.path("release").path("revision").path("sha").asText()).isEqualTo(sha);
        int livePort = live.path("slot").path("port").asInt();
        int idlePort = livePort == bluePort ? greenPort : bluePort;
        assertThat(throughProxy("/")).isEqualTo("200 standby sample app version " + version + " on port " + livePort);
        assertThat(throughProxy("/health")).startsWith("200");
        assertThat(isListening(idlePort)).as("the idle port %s is free; %s", idlePort, context).isFalse();
        return live;
    }

    /** A release directory as the journal holds it (a path or a file: URI), absolute. */
    public static Path journalledDirectory(String journalled) {
        return (journalled.startsWith("file:") ? Path.of(URI.create(journalled)) : Path.of(journalled)).toAbsolutePath().normalize();
    }

    /** Pids of every live sample-app master under the sandbox, from the pid files in the releases' Temp/ directories. */
    public List<Long> phpServers() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pid") && p.getParent().getFileName().toString().equals("Temp"))
                    .map(p -> read(p).strip())
                    .filter(s -> s.matches("\\d+"))
                    .map(Long::parseLong)
                    .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** PHP processes of the sandbox, daemons in / included (see {@link PhpProcesses}). */
    public List<ProcessHandle> phpProcesses() {
        return PhpProcesses.under(root);
    }

    /** Kills every PHP process of the sandbox: the hand-started v1 and whatever a release left running. */
    private void stopPhp() {
        PhpProcesses.kill(root);
        phpServers().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    // --- files ---

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeTo(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setPort(Path modeFile, int port) {
        writeTo(modeFile, read(modeFile).replaceFirst("'PORT' => \\d+,", "'PORT' => " + port + ","));
    }

    private static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String name = dir.getFileName().toString();
                    if (!dir.equals(from) && (name.equals("vendor") || name.equals("Temp") || name.equals("Log"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Integer> ports() {
        return Map.of("blue", bluePort, "green", greenPort, "proxy", proxyPort);
    }
}
