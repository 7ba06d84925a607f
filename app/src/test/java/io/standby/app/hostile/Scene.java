package io.standby.app.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.app.it.KeepAliveLoad;
import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;
import io.standby.testsupport.Scratch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link Sandbox} with v1 deployed by hand behind nginx (reload mode), plus what the hostile-condition tests
 * add to it: other configurations, agents with an environment of their own, processes Standby does not own,
 * small file systems; and the checks every case ends with. Everything it starts is owned by the test's
 * {@link Scratch}, so stopped by pid when the test (or class) ends, pass or fail; {@link #close()} then prints what
 * the agents said and unmounts what it mounted.
 */
final class Scene implements AutoCloseable {

    private static final Duration COMMAND = Duration.ofMinutes(2);
    // What a writer leaves behind when it dies or fails half-way: Standby's temp and staging names.
    private static final Pattern HALF_WRITTEN = Pattern.compile(
            "\\..*\\.(tmp|standby)|\\..*\\.partial-.*|\\..*\\.init-.*|\\.staging-.*|\\.standby-write-check.*|\\..*\\.standby-.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Sandbox sandbox;
    private final Scratch scratch;
    private final List<Agent> agents = new ArrayList<>();
    private final List<Path> mounts = new ArrayList<>();

    private Scene(Scratch scratch, Sandbox sandbox) {
        this.scratch = scratch;
        this.sandbox = sandbox;
    }

    /** The tutorial's server: v1 cloned, installed and started by hand on the blue port, nginx in front. */
    static Scene v1BehindNginx(Scratch scratch) {
        Sandbox sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_RELOAD).withHandDeployedV1().writeConfig("");
        return scratch.own(new Scene(scratch, sandbox));
    }

    Path root() {
        return sandbox.root;
    }

    // --- configuration ---

    /** The sandbox's own configuration, which {@link #standby(String...)} uses. */
    String baseConfig() {
        return Sandbox.read(sandbox.config);
    }

    /** Rewrites the sandbox's own configuration. */
    void editConfig(UnaryOperator<String> edit) {
        Sandbox.writeTo(sandbox.config, edit.apply(baseConfig()));
    }

    /** Writes another configuration file beside the sandbox's. */
    Path configFile(String name, String yaml) {
        Path file = root().resolve(name);
        Sandbox.writeTo(file, yaml);
        return file;
    }

    /** The sandbox's configuration with one line replaced, as a new file: the usual way to break one thing. */
    Path configWith(String name, String line, String replacement) {
        String base = baseConfig();
        assertThat(base).as("the base configuration has the line to replace").contains(line);
        return configFile(name, base.replace(line, replacement));
    }

    // --- the agent ---

    Programs.Ran standby(String... args) {
        return standby(sandbox.config, Map.of(), args);
    }

    Programs.Ran standby(Path config, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of("-c", config.toString()));
        command.addAll(List.of(args));
        return Programs.run(root(), COMMAND, env, command);
    }

    /** {@code standby run} in the background, its output in its own log file. */
    Agent agent(Path config, Map<String, String> env) {
        Path log = root().resolve("agent-" + agents.size() + ".log");
        try {
            List<String> command = new ArrayList<>(java());
            command.addAll(List.of("-c", config.toString(), "run"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            Process process = scratch.own(builder.start());
            Agent agent = new Agent(process, log);
            agents.add(agent);
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running {@code standby run} and its log. */
    record Agent(Process process, Path logFile) {

        String log() {
            return Files.exists(logFile) ? Sandbox.read(logFile) : "";
        }

        /** Waits until the agent's log says it. */
        void awaitLog(String words, Duration within) {
            await().atMost(within).pollInterval(Duration.ofMillis(200))
                    .until(() -> log().contains(words) || !process.isAlive());
            assertThat(log()).as("the agent is alive and said: %s", words).contains(words);
            assertThat(process.isAlive()).as("the agent is still running; log:\n%s", log()).isTrue();
        }

        /** SIGTERM, as a service manager stops it; the exit code, once it has exited. */
        int terminate(Duration within) {
            process.destroy();
            try {
                if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the agent did not exit within " + within + " of SIGTERM; log:\n" + log());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return process.exitValue();
        }
    }

    /** Starts a process Standby knows nothing of; stopped by pid when the scene closes. */
    Process foreign(Path dir, List<String> command) {
        try {
            Files.createDirectories(dir);
            return scratch.own(new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("foreign.log").toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the repository ---

    String commit(String message) {
        return sandbox.commitAndPush(message);
    }

    String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return Programs.runOrFail(dir, COMMAND, command).out();
    }

    /** Undoes the work tree's last commit locally and force-pushes, so the branch is as it was before it. */
    void dropLastCommit() {
        git(sandbox.work, "reset", "-q", "--hard", "HEAD~1");
        git(sandbox.work, "push", "-q", "--force", "origin", "HEAD:master");
    }

    // --- nginx ---

    /** Stops nginx as an operator would ({@code nginx -s stop}); it removes its pid file on the way out. */
    void stopNginx() {
        Optional<ProcessHandle> master = nginxMaster();
        sandbox.nginx().signal("-s", "stop");
        master.ifPresent(m -> await().atMost(Duration.ofSeconds(10)).until(() -> !m.isAlive()));
    }

    /** Starts nginx again on the same configuration; it is stopped by pid when the test ends. */
    void startNginx() {
        sandbox.nginx().start();
    }

    // --- file systems ---

    /**
     * Mounts a tmpfs; false if this machine refuses (no CAP_SYS_ADMIN), so that the caller can say what it
     * assumed instead of failing for the wrong reason.
     */
    boolean mountTmpfs(Path dir, String options) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Programs.Ran ran = Programs.run(root(), Duration.ofSeconds(10), List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
        if (ran.exit() != 0) {
            return false;
        }
        mounts.add(dir);
        return true;
    }

    // --- looking at the world ---

    /** Runs the action under keep-alive load through nginx, with traffic flowing before and after it. */
    KeepAliveLoad.Report underLoad(Runnable action) {
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, "/", 4)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > 10);
            action.run();
            long after = load.succeeded();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > after + 10);
            return load.stop();
        }
    }

    /** What nginx answers for GET /. */
    String serving() {
        return sandbox.throughProxy();
    }

    String v1OnBlue() {
        return "version 1 on port " + sandbox.bluePort;
    }

    JsonNode status() {
        return status(sandbox.config);
    }

    JsonNode status(Path config) {
        Programs.Ran ran = standby(config, Map.of(), "status", "--json");
        assertThat(ran.exit()).as("status --json: %s", ran.all()).isZero();
        try {
            return JSON.readTree(ran.out());
        } catch (IOException e) {
            throw new AssertionError("status --json printed no JSON: " + ran.all(), e);
        }
    }

    /** Files a writer left half-done anywhere under the sandbox: temp, staging and probe files. */
    List<Path> halfWritten() {
        return files(root()).stream()
                .filter(p -> HALF_WRITTEN.matcher(p.getFileName().toString()).matches())
                .filter(p -> !p.startsWith(sandbox.work))
                .toList();
    }

    /**
     * Every file and directory under the path, symbolic links not followed. Running servers create and delete
     * files meanwhile, so an entry that vanishes while it is looked at is skipped rather than fatal.
     */
    static List<Path> files(Path top) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    found.add(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    found.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** PHP processes of the sandbox other than the hand-deployed v1: instances a failed release left behind. */
    List<String> strayPhp() {
        return sandbox.phpProcesses().stream()
                .filter(p -> home(p).map(dir -> !dir.startsWith(sandbox.current)).orElse(true))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?") + " in " + home(p).map(Path::toString).orElse("?"))
                .toList();
    }

    /** Files and directories under the path that anyone may write to. */
    static List<Path> worldWritable(Path top) {
        return files(top).stream().filter(p -> !Files.isSymbolicLink(p))
                    .filter(p -> {
                        try {
                            return Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_WRITE);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .toList();
    }

    /** nginx's worker pids: a reload replaces them, so equal sets mean nginx was not reloaded. */
    Set<Long> nginxWorkers() {
        return nginxMaster().map(master -> master.children().map(ProcessHandle::pid).collect(Collectors.toSet())).orElse(Set.of());
    }

    Optional<ProcessHandle> nginxMaster() {
        Path pidFile = root().resolve("nginx/nginx.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Sandbox.read(pidFile).strip())).filter(ProcessHandle::isAlive);
    }

    byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files under the path whose bytes contain the text. */
    static List<Path> grep(Path top, String text) {
        return files(top).stream().filter(Files::isRegularFile).filter(file -> {
            try {
                return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
            } catch (IOException vanished) {
                return false;
            }
        }).toList();
    }

    private Optional<Path> home(ProcessHandle process) {
        return io.standby.app.it.PhpProcesses.home(process.pid(), sandbox.root);
    }

    /** The JVM, tuned to start fast: most invocations are short commands on a loaded test machine. */
    private static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Sandbox.JAR.toString());
    }

    /** What the agents said, for whoever reads a failure; then the file systems mounted for the test go. */
    @Override
    public void close() {
        agents.forEach(agent -> System.out.println("--- " + agent.logFile() + " ---\n" + agent.log()));
        for (Path mount : mounts) {
            // A release the agent started there outlives the agent by design; it must go before the mount does.
            scratch.killHolders(mount);
            Programs.run(Path.of("/"), Duration.ofSeconds(10), List.of("umount", "-l", mount.toString()));
        }
    }
}
