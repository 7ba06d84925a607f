package io.standby.adapters.easyswoole;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.os.Deadline;
import io.standby.os.Poll;
import io.standby.os.ProcFs;
import io.standby.os.ProcessStat;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs EasySwoole instances as Swoole daemons through the application's own CLI,
 * {@code php easyswoole.php server start -d} and {@code server stop}. The CLI exits 255 when the server cannot be
 * created (port taken, a fatal error before daemonizing) and 0 otherwise, as soon as the daemon has forked; the
 * daemon then works in / under renamed titles. So an instance is recognised by what survives that (see
 * {@link Instances}): its pid file, found where the release's own configuration puts it, its process group, and the
 * holders of the slot's port.
 */
final class EasySwooleRuntime implements ServiceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(EasySwooleRuntime.class);
    private static final boolean DAEMON = true;
    // The manager follows its master within Swoole's max_wait_time (3 s in EasySwoole's template) once it is killed.
    private static final Duration FORCE_GRACE = Duration.ofSeconds(5);
    private static final int TAIL = 8;
    // Between the CLI's exit and the daemon's pid file nothing of it shows (the kernel lists no port that is only
    // bound): only so long without a trace of it means it died.
    private static final Duration GONE_FOR = Duration.ofMillis(300);
    // The boot is watched closely, since each look asks only about the port and the pid file: the release goes live
    // that much sooner after it listens.
    private static final Duration BOOT_STEP = Duration.ofMillis(10);

    private final EasySwooleSettings settings;
    private final ProcessRunner runner;
    private final ProcFs proc;
    private final Poll poll;
    private final Poll boot = new Poll(BOOT_STEP);
    private final ReleaseLogs logs;
    private final LayoutProbe probe;
    private final Instances instances;
    private final Adoption adoption;
    private final SlotIsolation isolation = new SlotIsolation(DAEMON);

    EasySwooleRuntime(EasySwooleSettings settings, ProcessRunner runner, ProcFs proc, Poll poll) {
        this.settings = settings;
        this.runner = runner;
        this.proc = proc;
        this.poll = poll;
        this.logs = new ReleaseLogs(settings.logsDir());
        this.probe = new LayoutProbe(settings.php(), runner);
        this.instances = new Instances(proc);
        this.adoption = new Adoption(proc, instances, settings.entry());
    }

    @Override
    public Outcome start(Release release, Slot slot) {
        Deadline deadline = Deadline.after(settings.startTimeout());
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
            return Outcome.failed("port " + slot.port() + " of slot " + slot.name() + " is already held by " + holderOf(slot.port())
                    + ": stop that process or give the slot another port; Standby will not start " + release + " over it");
        }
        Prepared prepared = prepare(release, slot);
        if (!prepared.outcome().isDone()) {
            return prepared.outcome();
        }
        List<Path> pidFiles = prepared.layout().pidFiles(DAEMON);
        Instance already = instances.of(pidFiles, slot.port());
        if (already.master().isPresent()) {
            return Outcome.failed("release " + release + " already runs: " + already.describe(slot.port())
                    + "; one release directory runs one instance: stop it before starting it in slot " + slot.name());
        }

        LOG.info("starting release {} in slot {} (mode {}, pid file {}, log {})", release, slot, settings.mode(), pidFiles.get(0), logs.of(release));
        Command start = cli(release, settings.startTimeout(), "start", "-d");
        Completion cli = runner.run(start);
        Outcome outcome;
        if (cli.timedOut()) {
            outcome = Outcome.failed("`" + start.display() + "` did not return within " + Durations.human(settings.startTimeout())
                    + ": EasySwoole returns once its server is created and daemonized, so the boot hangs before that"
                    + " (EasySwooleEvent::initialize or mainServerCreate); last lines: " + cli.tail(TAIL) + " (log " + logs.of(release) + ")");
        } else if (cli.exitCode() != 0) {
            outcome = Outcome.failed("`" + start.display() + "` exited with " + cli.exitCode() + " before the server ran: "
                    + withoutStackTrace(cli.output()) + " (log " + logs.of(release) + "); fix the release so that it boots, and commit");
        } else {
            outcome = awaitBoot(release, slot, pidFiles, deadline, cli);
        }
        if (outcome.isDone()) {
            LOG.info("release {} serves port {} of slot {} after {} ms", release, slot.port(), slot.name(),
                    settings.startTimeout().minus(deadline.remaining()).toMillis());
            return outcome;
        }
        LOG.warn("release {} did not start in slot {}: stopping everything of it", release, slot);
        Outcome cleanup = stop(release, slot);
        return cleanup instanceof Outcome.Failed left && outcome instanceof Outcome.Failed failed
                ? Outcome.failed(failed.reason() + "; then, cleaning up: " + left.reason())
                : outcome;
    }

    @Override
    public Outcome stop(Release release, Slot slot) {
        List<Path> pidFiles = layout(release).pidFiles(DAEMON);
        Instance instance = instances.of(pidFiles, slot.port());
        if (instance.isGone()) {
            if (isListening(slot)) {
                // Not PHP, so not an instance of ours: a start on the slot will name it.
                LOG.warn("release {} is not running, but port {} of slot {} is held by {}: not a PHP process, leaving it alone",
                        release, slot.port(), slot.name(), holderOf(slot.port()));
            } else {
                LOG.info("release {} is not running in slot {}: nothing to stop", release, slot);
            }
            return Outcome.done();
        }
        long began = System.nanoTime();
        LOG.info("stopping release {} in slot {}: {}", release, slot, instance.describe(slot.port()));
        Deadline graceful = Deadline.after(settings.stopTimeout());
        boolean throughCli = instance.master().isPresent() && Files.isRegularFile(release.directory().resolve(settings.entry()));
        if (throughCli) {
            runner.run(cli(release, settings.stopTimeout(), "stop"));
        } else {
            // No pid file names it (a start abandoned before the daemon wrote one, or a file elsewhere): signal it directly.
            signal(instance, false);
        }
        if (poll.until(graceful.remaining(), () -> gone(pidFiles, slot))) {
            return stoppedAfter(release, slot, began, "gracefully");
        }
        instance = instances.of(pidFiles, slot.port());
        LOG.warn("release {} still runs {} after {}: forcing it ({})", release, Durations.human(settings.stopTimeout()),
                throughCli ? "`server stop`" : "SIGTERM", instance.describe(slot.port()));
        boolean forced = instance.master().isPresent() && Files.isRegularFile(release.directory().resolve(settings.entry()));
        if (forced) {
            // -force kills the master alone; Swoole's manager and workers follow it within max_wait_time.
            runner.run(cli(release, FORCE_GRACE, "stop", "-force"));
            if (poll.until(FORCE_GRACE, () -> gone(pidFiles, slot))) {
                return stoppedAfter(release, slot, began, "with server stop -force");
            }
        }
        instance = instances.of(pidFiles, slot.port());
        if (forced && instance.isGone() && !isListening(slot)) {
            // On a loaded machine the last of it can go just after the wait: the force did it, nothing is left to kill.
            return stoppedAfter(release, slot, began, "with server stop -force");
        }
        LOG.warn("release {} survived its CLI's stop: killing {}", release, instance.describe(slot.port()));
        signal(instance, true);
        if (poll.until(FORCE_GRACE, () -> gone(pidFiles, slot))) {
            return stoppedAfter(release, slot, began, "by SIGKILL");
        }
        Instance left = instances.of(pidFiles, slot.port());
        return Outcome.failed("release " + release + " could not be stopped: " + left.describe(slot.port())
                + (left.isGone() ? " (port held by " + holderOf(slot.port()) + ")" : "")
                + "; find out what holds it (ss -ltnp 'sport = :" + slot.port() + "') and end it by hand");
    }

    @Override
    public boolean isListening(Slot slot) {
        return proc.inUse(slot.port());
    }

    @Override
    public Optional<Path> locate(Slot slot) {
        return proc.available() ? adoption.rootOf(slot.port()) : Optional.empty();
    }

    /**
     * Writes the slot's port into the mode file and keeps the release's runtime files apart from the other slot's;
     * gives the layout the release will run with.
     */
    private Prepared prepare(Release release, Slot slot) {
        Path modeFile = release.directory().resolve(settings.modeFile());
        LayoutProbe.Probed probed = probe.read(release.directory(), settings.mode());
        if (probed.layout().isEmpty()) {
            return Prepared.failed("PHP cannot read " + modeFile + " of release " + release + ": " + probed.problem()
                    + "; fix " + settings.modeFile() + " so that it returns EasySwoole's config array, and commit");
        }
        Layout layout = probed.layout().get();
        try {
            ModeConfig config = ModeConfig.read(modeFile);
            Outcome port = config.setPort(slot.port());
            Outcome isolated = port.isDone() ? isolation.apply(layout, slot, config) : port;
            // Only a rewrite by the isolation moves the files; the port alone does not, and PHP need not read it again.
            return new Prepared(isolated, isolated.isDone() && isolation.rewrites(layout) ? layout(release) : layout);
        } catch (IOException e) {
            return Prepared.failed("cannot write the slot's settings into " + modeFile + " (" + e.getMessage()
                    + "): check the release directory's permissions and free disk space");
        }
    }

    /** A release made ready for its slot, or why it cannot be. */
    private record Prepared(Outcome outcome, Layout layout) {
        static Prepared failed(String reason) {
            return new Prepared(Outcome.failed(reason), null);
        }
    }

    /** The release's layout as its mode file now says; the framework's defaults if it cannot be read any more. */
    private Layout layout(Release release) {
        return probe.read(release.directory(), settings.mode()).orDefaults(release.directory(), settings.mode());
    }

    private Outcome awaitBoot(Release release, Slot slot, List<Path> pidFiles, Deadline deadline, Completion cli) {
        Deadline[] goneSince = {null};
        return boot.firstOf(deadline.remaining(), () -> bootState(release, slot, pidFiles, cli, goneSince))
                .orElseGet(() -> notServing(release, slot, pidFiles));
    }

    /**
     * Done once the pid file names a live master and the slot's port listens. Failed once nothing of the release has
     * shown for a while: neither a master in the pid file nor a process on the port.
     */
    private Optional<Outcome> bootState(Release release, Slot slot, List<Path> pidFiles, Completion cli, Deadline[] goneSince) {
        // Read once per look: the listening tables cost more than the rest of it, and more the more sockets there are.
        Set<Long> listening = proc.listenerInodes(slot.port());
        if (instances.servingMaster(pidFiles, listening).isPresent()) {
            return Optional.of(Outcome.done());
        }
        Instance instance = instances.of(pidFiles, listening);
        if (instance.servesThePort()) {
            return Optional.of(Outcome.done());
        }
        goneSince[0] = !instance.isGone() ? null : goneSince[0] == null ? Deadline.after(GONE_FOR) : goneSince[0];
        if (goneSince[0] != null && goneSince[0].expired()) {
            return Optional.of(Outcome.failed("release " + release + " exited while booting; nothing of it remains ("
                    + instance.describe(slot.port()) + "). `server start` said: " + cli.tail(3) + ". Last lines of its log: "
                    + logs.tail(release, TAIL) + " (" + logs.of(release) + "); fix the application so that `php "
                    + settings.entry() + " server start` boots, and commit"));
        }
        return Optional.empty();
    }

    private Outcome notServing(Release release, Slot slot, List<Path> pidFiles) {
        Instance instance = instances.of(pidFiles, slot.port());
        String took = Durations.human(settings.startTimeout());
        if (instance.master().isPresent()) {
            Set<Integer> ports = new TreeSet<>();
            instance.processes().forEach(pid -> ports.addAll(proc.portsOf(pid)));
            return Outcome.failed("release " + release + " did not serve port " + slot.port() + " of slot " + slot.name()
                    + " within " + took + ": " + instance.describe(slot.port())
                    + (ports.isEmpty() ? "" : "; it listens on " + ports)
                    + ". Make the application bind MAIN_SERVER's PORT from " + settings.modeFile()
                    + " (Standby writes the slot's port there), and commit. Last lines of its log: " + logs.tail(release, TAIL));
        }
        return Outcome.failed("release " + release + " holds port " + slot.port() + " of slot " + slot.name() + " but no master"
                + " wrote its pid where its configuration says within " + took + ": " + instance.describe(slot.port())
                + ". It boots too slowly (raise the start timeout) or its pid file is elsewhere (MAIN_SERVER.SETTING.pid_file,"
                + " TEMP_DIR). Last lines of its log: " + logs.tail(release, TAIL) + " (" + logs.of(release) + ")");
    }

    private boolean gone(List<Path> pidFiles, Slot slot) {
        return instances.of(pidFiles, slot.port()).isGone() && !isListening(slot);
    }

    /** SIGTERM (or SIGKILL) to every process of the instance, master first. */
    private void signal(Instance instance, boolean kill) {
        List<Long> targets = new ArrayList<>(instance.processes());
        instance.portHolders().stream().filter(pid -> !targets.contains(pid)).forEach(targets::add);
        targets.forEach(pid -> ProcessHandle.of(pid).ifPresent(kill ? ProcessHandle::destroyForcibly : ProcessHandle::destroy));
    }

    private Outcome stoppedAfter(Release release, Slot slot, long began, String how) {
        LOG.info("release {} stopped in slot {} {} after {} ms", release, slot, how, (System.nanoTime() - began) / 1_000_000);
        return Outcome.done();
    }

    private String holderOf(int port) {
        List<Long> pids = proc.available() ? proc.listenersOn(port) : List.of();
        if (pids.isEmpty()) {
            return "a process Standby cannot see";
        }
        long pid = pids.get(0);
        String title = proc.commandLine(pid);
        String name = proc.stat(pid).map(ProcessStat::name).orElse("?");
        return "pid " + pid + " (" + name + (title.isEmpty() || title.equals(name) ? "" : ": " + abbreviate(title)) + ")";
    }

    private Command cli(Release release, Duration timeout, String action, String... flags) {
        List<String> arguments = new ArrayList<>(List.of(settings.php(), settings.entry(), "server", action));
        arguments.addAll(List.of(flags));
        arguments.add("-mode=" + settings.mode());
        return new Command(arguments, release.directory(), timeout, Map.of(), Optional.of(logs.of(release)));
    }

    /** The last lines of PHP's output without a stack trace's frames, which push the error itself out of a short tail. */
    private static String withoutStackTrace(String output) {
        List<String> lines = output.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.matches("#\\d+ .*") && !line.equals("Stack trace:") && !line.startsWith("thrown in "))
                .toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
