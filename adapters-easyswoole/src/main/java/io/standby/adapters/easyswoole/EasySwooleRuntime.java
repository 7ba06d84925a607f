package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs EasySwoole instances through the application's own CLI, {@code php easyswoole.php server start|stop}.
 * That CLI exits 0 whatever happens, so success is judged only by what can be seen: a live process in the pid
 * file and the slot's port accepting connections.
 */
final class EasySwooleRuntime implements ServiceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(EasySwooleRuntime.class);
    private static final Duration FORCE_GRACE = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_MILLIS = 300;
    private static final int TAIL = 8;

    private final EasySwooleSettings settings;
    private final ProcessRunner runner;
    private final ProcNet procNet;
    private final Poll poll;
    private final ReleaseLogs logs;

    EasySwooleRuntime(EasySwooleSettings settings, ProcessRunner runner, ProcNet procNet, Poll poll) {
        this.settings = settings;
        this.runner = runner;
        this.procNet = procNet;
        this.poll = poll;
        this.logs = new ReleaseLogs(settings.logsDir());
    }

    @Override
    public Outcome start(Release release, Slot slot) {
        Poll.Deadline deadline = Poll.Deadline.after(settings.startTimeout());
        Path directory = release.directory();
        Path modeFile = directory.resolve(settings.modeFile());
        if (!Files.isRegularFile(directory.resolve(settings.entry()))) {
            return Outcome.failed("release " + release + " has no " + settings.entry() + " in " + directory
                    + ": Standby starts the service with `php " + settings.entry() + " server start`;"
                    + " commit it at the repository's root, or set the service's entry in the config");
        }
        if (!Files.isRegularFile(modeFile)) {
            return Outcome.failed("release " + release + " has no " + settings.modeFile() + " in " + directory
                    + ": mode '" + settings.mode() + "' reads its config from there; commit it, or set the service's mode in the config");
        }
        if (isListening(slot)) {
            return Outcome.failed("port " + slot.port() + " of slot " + slot.name() + " is already held by " + holderOf(slot)
                    + ": stop that process or give the slot another port; Standby will not start " + release + " over it");
        }
        List<Long> already = running(release);
        if (!already.isEmpty()) {
            return Outcome.failed("release " + release + " already runs as pid " + already.get(0) + " (ports "
                    + portsOf(already) + "): one release directory runs one instance; stop it before starting it in slot " + slot.name());
        }
        ModeConfig config;
        try {
            config = ModeConfig.read(modeFile);
            Outcome port = config.setPort(slot.port());
            if (!port.isDone()) {
                return port;
            }
        } catch (IOException e) {
            return Outcome.failed("cannot set the slot's port in " + modeFile + " (" + e.getMessage()
                    + "): check the release directory's permissions and free disk space");
        }

        LOG.info("starting release {} in slot {} (mode {}, log {})", release, slot, settings.mode(), logs.of(release));
        Command start = cli(release, settings.startTimeout(), "start", "-d");
        Completion cli = runner.run(start);
        Outcome outcome = cli.timedOut()
                ? Outcome.failed("`" + start.display() + "` did not return within " + Durations.human(settings.startTimeout())
                + ": with -d EasySwoole must daemonize and return; last lines: " + cli.tail(TAIL) + " (log " + logs.of(release) + ")")
                : awaitBoot(release, slot, pidFile(directory, Optional.of(config)), deadline);
        if (outcome.isDone()) {
            LOG.info("release {} holds port {} of slot {} after {} ms", release, slot.port(), slot.name(),
                    settings.startTimeout().minus(deadline.remaining()).toMillis());
            return outcome;
        }
        LOG.warn("release {} did not start in slot {}: stopping whatever it started", release, slot);
        Outcome cleanup = stop(release, slot);
        return cleanup instanceof Outcome.Failed left && outcome instanceof Outcome.Failed failed
                ? Outcome.failed(failed.reason() + "; then, cleaning up: " + left.reason())
                : outcome;
    }

    @Override
    public Outcome stop(Release release, Slot slot) {
        Path directory = release.directory();
        if (running(release).isEmpty()) {
            if (isListening(slot)) {
                // Not this release's process: killing it is not ours to decide; a start on the slot will name it.
                LOG.warn("release {} is not running, but port {} of slot {} is held by {}: leaving that alone",
                        release, slot.port(), slot.name(), holderOf(slot));
            } else {
                LOG.info("release {} is not running in slot {}: nothing to stop", release, slot);
            }
            return Outcome.done();
        }
        long began = System.nanoTime();
        if (Files.isRegularFile(directory.resolve(settings.entry()))) {
            Poll.Deadline graceful = Poll.Deadline.after(settings.stopTimeout());
            LOG.info("stopping release {} in slot {}", release, slot);
            runner.run(cli(release, settings.stopTimeout(), "stop"));
            if (poll.until(graceful.remaining(), () -> stopped(release, slot))) {
                return stoppedAfter(release, slot, began, "gracefully");
            }
            LOG.warn("release {} still runs {} after `server stop`: forcing it", release, Durations.human(settings.stopTimeout()));
            runner.run(cli(release, FORCE_GRACE, "stop", "-force"));
            if (poll.until(FORCE_GRACE, () -> stopped(release, slot))) {
                return stoppedAfter(release, slot, began, "with server stop -force");
            }
        }
        List<Long> left = running(release);
        LOG.warn("release {} survived the CLI's stop: killing pids {}", release, left);
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        if (poll.until(FORCE_GRACE, () -> stopped(release, slot))) {
            return stoppedAfter(release, slot, began, "by SIGKILL");
        }
        List<Long> survivors = running(release);
        return Outcome.failed("release " + release + " could not be stopped: "
                + (survivors.isEmpty() ? "its processes are gone, but port " + slot.port() + " is still held by " + holderOf(slot)
                : "pids " + survivors + " survive SIGKILL")
                + "; find out what holds it (ss -ltnp 'sport = :" + slot.port() + "') and end it by hand");
    }

    @Override
    public boolean isListening(Slot slot) {
        if (procNet.available()) {
            return procNet.listens(slot.port());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", slot.port()), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<Path> locate(Slot slot) {
        if (!procNet.available()) {
            return Optional.empty();
        }
        for (long pid : procNet.listenersOn(slot.port())) {
            for (Path dir = procNet.workingDirectory(pid).orElse(null); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(settings.entry()))) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }

    private Outcome awaitBoot(Release release, Slot slot, Path pidFile, Poll.Deadline deadline) {
        return poll.firstOf(deadline.remaining(), () -> bootState(release, slot, pidFile))
                .orElseGet(() -> notListening(release, slot));
    }

    /** Done once the pid file names a live process and the port is open; failed once nothing of the release runs. */
    private Optional<Outcome> bootState(Release release, Slot slot, Path pidFile) {
        OptionalLong pid = livePid(release, pidFile);
        if (pid.isPresent() && isListening(slot)) {
            return Optional.of(Outcome.done());
        }
        if (pid.isEmpty() && procNet.available() && procNet.phpProcessesIn(release.directory()).isEmpty()) {
            return Optional.of(Outcome.failed("release " + release + " exited while booting; nothing of it runs."
                    + " Last lines of its log: " + logs.tail(release, TAIL) + " (" + logs.of(release) + ");"
                    + " fix the application so that `php " + settings.entry() + " server start` boots, and commit"));
        }
        return Optional.empty();
    }

    private Outcome notListening(Release release, Slot slot) {
        List<Long> pids = running(release);
        String took = Durations.human(settings.startTimeout());
        if (pids.isEmpty()) {
            return Outcome.failed("release " + release + " did not start within " + took + ": nothing of it runs and"
                    + " its pid file never named a live process. Last lines of its log: " + logs.tail(release, TAIL)
                    + " (" + logs.of(release) + ")");
        }
        Set<Integer> ports = portsOf(pids);
        if (!ports.isEmpty()) {
            return Outcome.failed("release " + release + " runs as pid " + pids.get(0) + " but listens on port " + ports
                    + ", not on port " + slot.port() + " of slot " + slot.name() + ": make the application bind"
                    + " MAIN_SERVER's PORT from " + settings.modeFile() + " (Standby writes the slot's port there) and commit");
        }
        return Outcome.failed("release " + release + " runs as pid " + pids.get(0) + " but did not open port " + slot.port()
                + " of slot " + slot.name() + " within " + took + ": it boots too slowly or hangs; raise the start timeout"
                + " or fix the boot. Last lines of its log: " + logs.tail(release, TAIL) + " (" + logs.of(release) + ")");
    }

    private boolean stopped(Release release, Slot slot) {
        return running(release).isEmpty() && !isListening(slot);
    }

    private Outcome stoppedAfter(Release release, Slot slot, long began, String how) {
        LOG.info("release {} stopped in slot {} {} after {} ms", release, slot, how, (System.nanoTime() - began) / 1_000_000);
        return Outcome.done();
    }

    /** The release's live processes: the one its pid file names, and any PHP process working in its directory. */
    private List<Long> running(Release release) {
        Set<Long> pids = new TreeSet<>();
        livePid(release, pidFile(release.directory(), readConfig(release))).ifPresent(pids::add);
        if (procNet.available()) {
            pids.addAll(procNet.phpProcessesIn(release.directory()));
        }
        return new ArrayList<>(pids);
    }

    /** The pid in the pid file if that process lives and, as far as /proc tells, runs from this release. */
    private OptionalLong livePid(Release release, Path pidFile) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        // ProcessHandle counts a zombie as alive; its port is already closed, and it is gone for us.
        boolean alive = procNet.available() ? procNet.runs(pid) : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        // A stale pid file may name a pid the system has since given to an unrelated process.
        boolean ours = procNet.workingDirectory(pid).map(cwd -> cwd.startsWith(realPath(release.directory()))).orElse(true);
        return alive && ours ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    private Optional<ModeConfig> readConfig(Release release) {
        try {
            return Optional.of(ModeConfig.read(release.directory().resolve(settings.modeFile())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where EasySwoole keeps the master's pid: TEMP_DIR/pid.pid, TEMP_DIR null meaning the release's Temp/. */
    private static Path pidFile(Path directory, Optional<ModeConfig> config) {
        Path temp = config.flatMap(ModeConfig::tempDir).map(directory::resolve).orElse(directory.resolve("Temp"));
        return temp.resolve("pid.pid");
    }

    private Set<Integer> portsOf(List<Long> pids) {
        Set<Integer> ports = new TreeSet<>();
        pids.forEach(pid -> ports.addAll(procNet.portsOf(pid)));
        return ports;
    }

    private String holderOf(Slot slot) {
        List<Long> pids = procNet.available() ? procNet.listenersOn(slot.port()) : List.of();
        if (pids.isEmpty()) {
            return "a process Standby cannot see";
        }
        String command = procNet.commandLine(pids.get(0));
        return "pid " + pids.get(0) + (command.isEmpty() ? "" : " (" + abbreviate(command) + ")");
    }

    private Command cli(Release release, Duration timeout, String action, String... flags) {
        List<String> arguments = new ArrayList<>(List.of(settings.php(), settings.entry(), "server", action));
        arguments.addAll(List.of(flags));
        arguments.add("-mode=" + settings.mode());
        return new Command(arguments, release.directory(), timeout, Map.of(), Optional.of(logs.of(release)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }
}
