package io.standby.adapters.easyswoole;

import io.standby.adapters.easyswoole.Supervisorctl.Program;
import io.standby.adapters.easyswoole.Supervisorctl.State;
import io.standby.adapters.easyswoole.Supervisorctl.Status;
import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.os.Deadline;
import io.standby.os.Poll;
import io.standby.os.ProcFs;
import io.standby.os.ProcessStat;
import io.standby.process.Completion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs each slot as a supervisord program ({@code [program:shop-blue]}) whose command keeps EasySwoole in the
 * foreground and whose {@code directory=} is the slot's link: Standby points the link at the release, then asks
 * supervisord to start the program. supervisord restarts what dies, so every stop goes through it too; signalling
 * the service behind its back, or stopping it with EasySwoole's CLI, would only start a fight with it.
 */
final class SupervisordRuntime implements ServiceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisordRuntime.class);
    // Time for processes to vanish once supervisord reports them stopped, and for SIGKILL to take effect.
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int TAIL = 8;
    private static final Pattern STACK_FRAME = Pattern.compile("Stack trace:|#\\d+ .*");

    private final EasySwooleSettings service;
    private final SupervisordSettings settings;
    private final Supervisorctl supervisorctl;
    private final SlotLinks links;
    private final ProcFs proc;
    private final Poll poll;
    private final ReleaseLogs logs;

    SupervisordRuntime(EasySwooleSettings service, SupervisordSettings settings, Supervisorctl supervisorctl, ProcFs proc,
                       Poll poll) {
        this.service = service;
        this.settings = settings;
        this.supervisorctl = supervisorctl;
        this.links = new SlotLinks(settings::link);
        this.proc = proc;
        this.poll = poll;
        this.logs = new ReleaseLogs(service.logsDir());
    }

    @Override
    public Outcome start(Release release, Slot slot) {
        Deadline deadline = Deadline.after(service.startTimeout());
        String program = settings.program(slot);
        Path directory = release.directory();
        Path modeFile = directory.resolve(service.modeFile());
        if (!Files.isRegularFile(directory.resolve(service.entry()))) {
            return Outcome.failed("release " + release + " has no " + service.entry() + " in " + directory
                    + ": the supervisord program " + program + " starts the service with `php " + service.entry()
                    + " server start`; commit it at the repository's root, or set the service's entry in the config");
        }
        if (!Files.isRegularFile(modeFile)) {
            return Outcome.failed("release " + release + " has no " + service.modeFile() + " in " + directory
                    + ": mode '" + service.mode() + "' reads its config from there; commit it, or set the service's mode in the config");
        }
        Status status = supervisorctl.status(program);
        if (status instanceof Program retrying && retrying.state() == State.BACKOFF) {
            // No process, only supervisord retrying a spawn (after a reboot, a slot without a link): safe to call off.
            LOG.info("{}: stopping it before starting release {} there", retrying, release);
            supervisorctl.stop(program, settings.timeout(), Optional.of(logs.of(release)));
            status = supervisorctl.status(program);
        }
        if (!(status instanceof Program known)) {
            return Outcome.failed(problem(status, slot));
        }
        if (known.state().active()) {
            return Outcome.failed("the supervisord program " + program + " of slot " + slot.name() + " is already " + known.state()
                    + serving(slot).map(d -> " from " + d).orElse("") + ": Standby starts a release in a slot only while its"
                    + " program is stopped; stop it (" + supervisorctl.display("stop", program) + ") once nothing is routed to "
                    + slot + ", then release again");
        }
        if (isListening(slot)) {
            return Outcome.failed("port " + slot.port() + " of slot " + slot.name() + " is already held by " + holderOf(slot)
                    + ": stop that process or give the slot another port; Standby will not start " + release + " over it");
        }
        try {
            Outcome port = ModeConfig.read(modeFile).setPort(slot.port());
            if (!port.isDone()) {
                return port;
            }
        } catch (IOException e) {
            return Outcome.failed("cannot set the slot's port in " + modeFile + " (" + e.getMessage()
                    + "): check the release directory's permissions and free disk space");
        }
        try {
            links.point(slot, directory);
        } catch (IOException e) {
            return Outcome.failed("cannot point " + links.of(slot) + " (the directory of the supervisord program " + program
                    + ") at " + directory + ": " + e.getMessage() + "; make " + links.of(slot).getParent()
                    + " writable for Standby's user");
        }
        Output before = output(program);
        LOG.info("starting release {} in slot {} as supervisord program {} ({} -> {})", release, slot, program,
                links.of(slot), directory);
        Completion started = supervisorctl.start(program, deadline.remaining(), logs.of(release));
        Boot boot = new Boot(release, slot, program, started.output().strip());
        Booted booted = poll.firstOf(deadline.remaining(), boot::state).orElseGet(boot::timedOut);
        if (!(booted instanceof NotServing failed)) {
            LOG.info("release {} holds port {} of slot {} as program {} (pid {}) after {} ms", release, slot.port(),
                    slot.name(), program, boot.pid, service.startTimeout().minus(deadline.remaining()).toMillis());
            return Outcome.done();
        }
        Output after = output(program);
        String lines = after.since(before);
        String shown = !lines.isEmpty() ? lines : after.problems().isEmpty() ? "(none)"
                : "(supervisorctl could not read them: " + String.join("; ", after.problems()) + "; read the program's"
                + " stdout_logfile, or set redirect_stderr=false so that PHP's errors get a log supervisorctl can send)";
        String reason = failed.cause() + ". Last lines of its output: " + shown
                + " (more: " + supervisorctl.display("tail", program) + ")" + (failed.fix().isEmpty() ? "" : "; " + failed.fix());
        LOG.warn("release {} did not start in slot {}: stopping program {} so that supervisord does not start it again",
                release, slot, program);
        Outcome stopped = stopProgram(release, slot, program, boot.pid == 0 ? OptionalLong.empty() : OptionalLong.of(boot.pid));
        return Outcome.failed(stopped instanceof Outcome.Failed left
                ? reason + "; then, cleaning up: " + left.reason()
                : reason + "; supervisord was told to stop " + program + " and nothing of it runs");
    }

    @Override
    public Outcome stop(Release release, Slot slot) {
        String program = settings.program(slot);
        Status status = supervisorctl.status(program);
        if (!(status instanceof Program known)) {
            return Outcome.failed("cannot stop release " + release + " in slot " + slot.name() + ": " + problem(status, slot));
        }
        if (!known.state().active()) {
            if (isListening(slot)) {
                // Not the program's process: killing it is not ours to decide; a start on the slot will name it.
                LOG.warn("release {} is not running in slot {} ({}), but port {} is held by {}: leaving that alone",
                        release, slot.name(), known, slot.port(), holderOf(slot));
            } else {
                LOG.info("release {} is not running in slot {} ({}): nothing to stop", release, slot.name(), known);
            }
            return unlink(release, slot);
        }
        // Between two spawns (BACKOFF) there is no process to ask: the link says what the program runs.
        Optional<Path> serving = serving(slot).or(() -> links.target(slot));
        if (serving.isPresent() && !sameDirectory(serving.get(), release.directory())) {
            LOG.warn("the supervisord program {} of slot {} runs {}, not release {}: leaving it running", program, slot.name(),
                    serving.get(), release);
            return Outcome.done();
        }
        return stopProgram(release, slot, program, supervisorctl.pid(program));
    }

    @Override
    public boolean isListening(Slot slot) {
        return proc.inUse(slot.port());
    }

    /** The release directory of the slot's program while it runs: as the slot's link names it, when that is where it runs. */
    @Override
    public Optional<Path> locate(Slot slot) {
        return serving(slot);
    }

    private Optional<Path> serving(Slot slot) {
        OptionalLong pid = supervisorctl.pid(settings.program(slot));
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        // The kernel resolves the link when supervisord changes into it: the working directory is the release itself.
        Optional<Path> cwd = proc.workingDirectory(pid.getAsLong());
        Optional<Path> target = links.target(slot);
        if (cwd.isEmpty() || (target.isPresent() && sameDirectory(cwd.get(), target.get()))) {
            return target;
        }
        return cwd;
    }

    /** Asks supervisord to stop the program, then confirms its process group is gone and the slot's port free. */
    private Outcome stopProgram(Release release, Slot slot, String program, OptionalLong pid) {
        long began = System.nanoTime();
        long group = pid.isPresent() ? proc.stat(pid.getAsLong()).map(ProcessStat::group).orElse(pid.getAsLong()) : 0;
        Duration wait = service.stopTimeout().plus(GRACE);
        LOG.info("stopping release {} in slot {}: {}", release, slot, supervisorctl.display("stop", program));
        // Asked even when it looks down: an EXITED program with autorestart is spawned again at once. And again
        // until supervisord says it stays down.
        Status status;
        int attempt = 0;
        do {
            Completion stop = supervisorctl.stop(program, wait, Optional.of(logs.of(release)));
            if (stop.timedOut()) {
                LOG.warn("`{}` did not return within {}", supervisorctl.display("stop", program), Durations.human(wait));
            }
            status = supervisorctl.status(program);
        } while (isActive(status) && ++attempt < 3);
        if (isActive(status)) {
            return Outcome.failed("supervisord did not stop " + program + " (" + status + "): check supervisord's log,"
                    + " and that the program's stopwaitsecs is below the service's stop timeout ("
                    + Durations.human(service.stopTimeout()) + ")");
        }
        if (!poll.until(GRACE, () -> proc.groupMembers(group).isEmpty())) {
            List<Long> left = proc.groupMembers(group);
            // Left by a master that died alone: supervisord no longer tracks them and will not restart them.
            LOG.warn("pids {} of program {} outlived `supervisorctl stop`: killing them; set stopasgroup=true and"
                    + " killasgroup=true in [program:{}]", left, program, program);
            left.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            poll.until(GRACE, () -> proc.groupMembers(group).isEmpty());
        }
        List<Long> survivors = proc.groupMembers(group);
        if (!survivors.isEmpty()) {
            return Outcome.failed("release " + release + " could not be stopped: pids " + survivors + " of program " + program
                    + " survive SIGKILL; find out what holds them and end them by hand");
        }
        if (!poll.until(GRACE, () -> !isListening(slot))) {
            return Outcome.failed("supervisord stopped " + program + ", but port " + slot.port() + " of slot " + slot.name()
                    + " is still held by " + holderOf(slot) + ", outside the program's process group: if the program's"
                    + " command has -d, remove it (supervisord must keep EasySwoole in the foreground) and end that process"
                    + " by hand (ss -ltnp 'sport = :" + slot.port() + "')");
        }
        LOG.info("release {} stopped in slot {} ({}) after {} ms", release, slot, status,
                (System.nanoTime() - began) / 1_000_000);
        return unlink(release, slot);
    }

    /** Takes the stopped release out of the slot's link, so that nothing starts it again, not even supervisord at boot. */
    private Outcome unlink(Release release, Slot slot) {
        try {
            links.release(slot, release.directory());
            return Outcome.done();
        } catch (IOException e) {
            return Outcome.failed("release " + release + " is stopped, but its link " + links.of(slot) + " cannot be removed ("
                    + e.getMessage() + "), so supervisord would start it again at boot: make " + links.of(slot).getParent()
                    + " writable for Standby's user");
        }
    }

    private static boolean isActive(Status status) {
        return status instanceof Program program && program.state().active();
    }

    /** How a start went: serving, or not, for a cause with its fix (the program's output goes between the two). */
    private sealed interface Booted permits Serving, NotServing {
    }

    private record Serving() implements Booted {
    }

    private record NotServing(String cause, String fix) implements Booted {
    }

    /** Watches a program that supervisord was asked to start, until it serves on the slot's port or gives up. */
    private final class Boot {
        private final Release release;
        private final Slot slot;
        private final String program;
        private final String started;
        private long pid;

        Boot(Release release, Slot slot, String program, String started) {
            this.release = release;
            this.slot = slot;
            this.program = program;
            this.started = started;
        }

        Optional<Booted> state() {
            Status status = supervisorctl.status(program);
            if (!(status instanceof Program known)) {
                return Optional.of(new NotServing(problem(status, slot), ""));
            }
            if (known.state() == State.STARTING && pid == 0) {
                // Not RUNNING before startsecs have passed: supervisord's test that the program survives its boot.
                return Optional.empty();
            }
            if (known.state() != State.RUNNING) {
                return Optional.of(exited(known));
            }
            if (pid == 0) {
                pid = supervisorctl.pid(program).orElse(0);
                Optional<Path> cwd = proc.workingDirectory(pid);
                if (cwd.isPresent() && !inside(cwd.get(), release.directory())) {
                    return Optional.of(new NotServing("the supervisord program " + program + " runs in " + cwd.get()
                            + ", not in the slot's link " + links.of(slot) + " (-> " + release.directory() + ")", "set directory="
                            + links.of(slot) + " in its [program:" + program + "] section and run `supervisorctl update`"));
                }
            }
            if (pid != 0 && !proc.runs(pid)) {
                return Optional.of(exited(known));
            }
            return pid != 0 && holdsPort(pid) ? Optional.of(new Serving()) : Optional.empty();
        }

        Booted timedOut() {
            String took = Durations.human(service.startTimeout());
            if (pid == 0) {
                return new NotServing("the supervisord program " + program + " of slot " + slot.name() + " is not RUNNING "
                        + took + " after `supervisorctl start` (" + supervisorctl.status(program) + ")", "supervisord counts"
                        + " it RUNNING once it has lived startsecs: make its startsecs shorter than the service's start timeout");
            }
            Set<Integer> ports = new TreeSet<>();
            proc.groupMembers(group(pid)).forEach(member -> ports.addAll(proc.portsOf(member)));
            String runs = "release " + release + " runs as supervisord program " + program + " (pid " + pid + ")";
            if (!ports.isEmpty()) {
                return new NotServing(runs + " but listens on port " + ports + ", not on port " + slot.port() + " of slot "
                        + slot.name(), "make the application bind MAIN_SERVER's PORT from " + service.modeFile()
                        + " (Standby writes the slot's port there) and commit");
            }
            if (isListening(slot)) {
                return new NotServing(runs + ", but port " + slot.port() + " of slot " + slot.name() + " is held by "
                        + holderOf(slot) + ", outside the program's process group", "the program's command must keep"
                        + " EasySwoole in the foreground: remove -d from it");
            }
            return new NotServing(runs + " but did not open port " + slot.port() + " of slot " + slot.name() + " within "
                    + took, "it boots too slowly or hangs: raise the start timeout or fix the boot");
        }

        private NotServing exited(Program known) {
            // supervisorctl names what supervisord could not do: spawn error, no such file, abnormal termination.
            String said = started.contains("ERROR") ? " after `" + supervisorctl.display("start", program) + "` said '" + started + "'" : "";
            return new NotServing("release " + release + " exited while booting in slot " + slot.name() + ": " + known + said,
                    "fix the application so that `php " + service.entry() + " server start -mode=" + service.mode()
                            + "` boots and stays in the foreground, and commit");
        }

        /** Whether the program's process, or one of its process group (Swoole's workers), listens on the slot's port. */
        private boolean holdsPort(long master) {
            Set<Long> listening = proc.listenerInodes(slot.port());
            if (listening.isEmpty()) {
                return false;
            }
            // Swoole's master holds the socket itself: its own descriptors say so without a look through every process.
            if (proc.socketInodes(master).orElse(Set.of()).stream().anyMatch(listening::contains)) {
                return true;
            }
            long group = group(master);
            return proc.holdersOf(listening).stream().anyMatch(holder -> holder == master
                    || proc.stat(holder).map(ProcessStat::group).orElse(-1L) == group);
        }

        private long group(long member) {
            return proc.stat(member).map(ProcessStat::group).orElse(member);
        }
    }

    private String problem(Status status, Slot slot) {
        if (status instanceof Supervisorctl.NoSuchProgram missing) {
            return missing.problem(slot, links.of(slot));
        }
        if (status instanceof Supervisorctl.Unreachable unreachable) {
            return unreachable.problem();
        }
        return status.toString();
    }

    private Output output(String program) {
        Supervisorctl.Tail stdout = supervisorctl.tail(program, "stdout");
        Supervisorctl.Tail stderr = supervisorctl.tail(program, "stderr");
        List<String> problems = java.util.stream.Stream.of(stdout, stderr).map(Supervisorctl.Tail::problem)
                .filter(problem -> !problem.isEmpty()).distinct().toList();
        return new Output(stdout.text(), stderr.text(), problems);
    }

    /**
     * The end of a program's stdout and stderr logs. supervisord appends every run of a slot's program to the same
     * logs, so what a release printed is what was added since before its start.
     */
    record Output(String stdout, String stderr, List<String> problems) {

        Output {
            problems = List.copyOf(problems);
        }

        Output(String stdout, String stderr) {
            this(stdout, stderr, List.of());
        }

        /**
         * The last distinct lines added since then, without PHP's stack frames: the frames would crowd out the line
         * that says what went wrong, and {@code supervisorctl tail} still shows them.
         */
        String since(Output before) {
            Set<String> lines = new LinkedHashSet<>();
            for (String added : List.of(added(before.stdout, stdout), added(before.stderr, stderr))) {
                Arrays.stream(added.split("\\R")).map(String::strip)
                        .filter(line -> !line.isEmpty() && !STACK_FRAME.matcher(line).matches()).forEach(lines::add);
            }
            List<String> kept = new ArrayList<>(lines);
            return String.join(" | ", kept.subList(Math.max(0, kept.size() - TAIL), kept.size()));
        }

        /** What follows the longest end of the old tail that the new tail starts with: both are the last bytes of one growing file. */
        private static String added(String old, String now) {
            for (int from = 0; from < old.length(); from++) {
                if (now.startsWith(old.substring(from))) {
                    return now.substring(old.length() - from);
                }
            }
            return now;
        }
    }

    private String holderOf(Slot slot) {
        List<Long> pids = proc.available() ? proc.listenersOn(slot.port()) : List.of();
        if (pids.isEmpty()) {
            return "a process Standby cannot see";
        }
        String command = proc.commandLine(pids.get(0));
        return "pid " + pids.get(0) + (command.isEmpty() ? "" : " (" + (command.length() <= 120 ? command : command.substring(0, 117) + "...") + ")");
    }

    private static boolean inside(Path cwd, Path directory) {
        try {
            return cwd.startsWith(directory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return a.equals(b) || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
        } catch (IOException e) {
            return false;
        }
    }
}
