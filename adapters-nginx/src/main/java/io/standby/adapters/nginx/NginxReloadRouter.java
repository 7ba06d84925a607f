package io.standby.adapters.nginx;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.os.AtomicFile;
import io.standby.os.Poll;
import io.standby.os.ProcFs;
import io.standby.os.TcpSocket;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Routes by rewriting the server lines of one upstream block and reloading nginx: the layout of the
 * original tutorial, adopted as it is.
 *
 * <p>Unlike the tutorial's blind text replace, only the port digits of that block's server lines change, the
 * configuration is tested before and after the edit, a rejected edit is undone byte for byte, and the switch
 * counts only once nginx has really replaced its workers.
 */
final class NginxReloadRouter implements TrafficRouter {

    private static final Logger LOG = LoggerFactory.getLogger(NginxReloadRouter.class);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final int OUTPUT_LINES = 4;

    private final NginxSettings settings;
    private final Slots slots;
    private final ProcessRunner runner;
    private final ProcFs proc;
    private final NginxMaster master;
    private final Poll poll = new Poll(POLL);

    NginxReloadRouter(NginxSettings settings, ProcessRunner runner, ProcFs proc) {
        this.settings = settings;
        this.slots = settings.slots();
        this.runner = runner;
        this.proc = proc;
        this.master = new NginxMaster(settings.pidFile(), proc);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from the configuration file, which a switch changes only together with a confirmed reload: nginx routes
     * as it says whether or not its pid file is there. Throws {@link ProxyUnavailableException} if the file is
     * missing, unreadable or holds the upstream block not exactly once.
     */
    @Override
    public Optional<Slot> current() {
        try {
            String text = latin1(readConfig());
            return Upstream.find(text, settings.upstream(), settings.configFile().toString()).slot(slots);
        } catch (NginxConfigException e) {
            throw new ProxyUnavailableException(e.getMessage());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Switching to the slot the file already names still tests and reloads, so that an edit left behind by an
     * interrupted earlier switch does take effect.
     */
    @Override
    public Outcome switchTo(Slot slot) {
        requireKnown(slot);
        long started = System.nanoTime();
        Path file = settings.configFile();
        byte[] before;
        Upstream upstream;
        try {
            before = readConfig();
            upstream = Upstream.find(latin1(before), settings.upstream(), file.toString());
        } catch (NginxConfigException e) {
            return Outcome.failed(e.getMessage());
        }
        Optional<Outcome> unusable = unusable(upstream);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        Optional<Long> pid = masterPid();
        if (pid.isEmpty()) {
            throw new ProxyUnavailableException(master.whyNotRunning() + ", so Standby cannot switch it to " + slot
                    + ". Fix: start nginx (or, if it runs, set router.nginx.pid-file to the file its pid directive names), then deploy"
                    + " again; nothing was changed");
        }
        Completion precheck = run(settings.testCommand());
        if (!precheck.succeeded()) {
            return Outcome.failed("nginx's configuration is already invalid before Standby changes anything ("
                    + display(settings.testCommand()) + ": " + precheck.tail(OUTPUT_LINES) + "). Fix: correct it until `"
                    + display(settings.testCommand()) + "` passes, then deploy again; Standby wrote nothing and did not reload");
        }
        boolean rewrite = !upstream.slot(slots).equals(Optional.of(slot));
        if (rewrite) {
            Optional<Outcome> edited = edit(file, before, upstream.pointAt(latin1(before), slot.port()).getBytes(StandardCharsets.ISO_8859_1), slot);
            if (edited.isPresent()) {
                return edited.get();
            }
        }
        List<NginxMaster.Worker> workers;
        try {
            workers = master.workers(pid.get());
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ProxyUnavailableException("cannot read nginx's worker processes (" + e.getMessage() + ")"
                    + restored(rewrite, file, before) + " and nginx was not reloaded. Fix: let the user Standby runs as read /proc");
        }
        Completion reload = run(settings.reloadCommand());
        if (!reload.succeeded()) {
            return Outcome.failed("`" + display(settings.reloadCommand()) + "` failed: " + reload.tail(OUTPUT_LINES)
                    + restored(rewrite, file, before) + ". Fix: make that command work for the user Standby runs as"
                    + " (router.nginx.reload-command: the same -p and -c as nginx runs with), then deploy again");
        }
        if (!newWorkersReplaced(pid.get(), workers)) {
            String undo = restored(rewrite, file, before);
            Completion again = run(settings.reloadCommand());
            return Outcome.failed("nginx did not replace its worker processes within " + Durations.human(settings.reloadTimeout())
                    + " of the reload, so the switch to " + slot + " is not confirmed" + undo
                    + (again.succeeded() ? " and nginx was reloaded once more" : "")
                    + ". Fix: look for [emerg] lines in nginx's error log (a port it cannot bind, a file it cannot read), "
                    + "correct the cause, then deploy again");
        }
        LOG.info("nginx upstream {} now sends to {} ({} ms{})", settings.upstream(), slot,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), rewrite ? "" : ", file already named it; reloaded only");
        return Outcome.done();
    }

    /**
     * {@inheritDoc}
     *
     * <p>After a reload, nginx's old workers keep serving the requests they had already started, and the
     * keep-alive connections they hold, to the old port until they exit; this is why the tutorial's "reload,
     * then stop the old service" lost requests. The slot counts as drained once no worker of an old generation
     * remains and no nginx process holds an established connection to the slot's host and port. If the
     * agent may not read nginx's file descriptors (another user, no CAP_SYS_PTRACE), every established
     * connection to that port counts, which can only make the wait longer, never shorter.
     */
    @Override
    public boolean isDrained(Slot slot) {
        requireKnown(slot);
        // Without the master's pid the old workers cannot be told from others: "drained" would be a guess.
        long pid = masterPid().orElseThrow(() -> new ProxyUnavailableException(master.whyNotRunning()
                + ", so Standby cannot tell whether nginx still holds requests to " + slot
                + ". Fix: start nginx, or put its pid file back (router.nginx.pid-file names where it is looked for)"));
        try {
            long retiring = master.workers(pid).stream().filter(NginxMaster.Worker::shuttingDown).count();
            if (retiring > 0) {
                LOG.debug("{} old nginx worker(s) still finishing requests; {} not drained", retiring, slot);
                return false;
            }
            long held = connectionsTo(slot, master.processes(pid));
            LOG.debug("nginx holds {} connection(s) to {}", held, slot);
            return held == 0;
        } catch (UncheckedIOException e) {
            throw new ProxyUnavailableException("cannot read nginx's processes and connections (" + e.getMessage()
                    + "), so Standby cannot tell whether nginx still holds requests to " + slot
                    + ". Fix: let the user Standby runs as read /proc");
        }
    }

    /** The master's pid, or empty if nginx is not running; its pid file unreadable means nginx cannot be asked. */
    private Optional<Long> masterPid() {
        try {
            return master.pid();
        } catch (IllegalStateException e) {
            throw new ProxyUnavailableException(e.getMessage());
        }
    }

    private Optional<Outcome> unusable(Upstream upstream) {
        if (upstream.servers().isEmpty()) {
            return Optional.of(Outcome.failed("\"upstream " + upstream.name() + "\" in " + settings.configFile()
                    + " (line " + upstream.line() + ") has no server line. Fix: add \"server " + settings.host() + ":"
                    + slots.blue().port() + ";\" for the slot that is serving"));
        }
        List<ServerLine> foreign = upstream.foreign(slots);
        if (!foreign.isEmpty()) {
            String lines = foreign.stream().map(s -> s.address() + " (line " + s.line() + ")").collect(Collectors.joining(", "));
            return Optional.of(Outcome.failed("\"upstream " + upstream.name() + "\" in " + settings.configFile()
                    + " sends to " + lines + ", which is neither " + slots.blue() + " nor " + slots.green()
                    + ", so Standby will not guess what to rewrite. Fix: point its server lines at the serving slot's "
                    + "port, or correct the slot ports in the settings"));
        }
        return Optional.empty();
    }

    private Optional<Outcome> edit(Path file, byte[] before, byte[] after, Slot slot) {
        try {
            AtomicFile.replace(file, after, LOG::warn);
        } catch (IOException e) {
            return Optional.of(Outcome.failed("cannot write " + file + ": " + e.getMessage()
                    + ". Fix: let the user Standby runs as write that file and create files in its directory"));
        }
        Completion test = run(settings.testCommand());
        if (!test.succeeded()) {
            return Optional.of(Outcome.failed("nginx rejects the configuration with upstream " + settings.upstream()
                    + " sent to " + slot + " (" + display(settings.testCommand()) + ": " + test.tail(OUTPUT_LINES) + ")"
                    + restored(true, file, before) + " and nginx was not reloaded. Fix: correct what nginx names, "
                    + "then deploy again"));
        }
        return Optional.empty();
    }

    /** Puts the previous bytes back and says so, or says loudly that it could not. */
    private String restored(boolean rewritten, Path file, byte[] before) {
        if (!rewritten) {
            return "";
        }
        try {
            AtomicFile.replace(file, before, LOG::warn);
            return "; the previous " + file + " was restored byte for byte";
        } catch (IOException e) {
            LOG.error("could not restore {} after a failed switch: {}", file, e.getMessage());
            return "; restoring the previous " + file + " FAILED (" + e.getMessage() + "), so it still names the new"
                    + " slot: check it by hand";
        }
    }

    private boolean newWorkersReplaced(long pid, List<NginxMaster.Worker> before) {
        Set<Long> old = before.stream().map(NginxMaster.Worker::pid).collect(Collectors.toSet());
        // An answer as soon as the new workers serve alone, or at once if the master is gone; none while they take over.
        return poll.firstOf(settings.reloadTimeout(), () -> {
            List<NginxMaster.Worker> now;
            try {
                if (master.pid().isEmpty()) {
                    return Optional.of(false);
                }
                now = master.workers(pid);
            } catch (UncheckedIOException | IllegalStateException unreadable) {
                // A pid file caught mid-rewrite, or /proc changing under us: not confirmed yet, so ask again; at the
                // timeout the switch is undone like any other unconfirmed reload.
                return Optional.<Boolean>empty();
            }
            boolean fresh = now.stream().anyMatch(w -> !w.shuttingDown() && !old.contains(w.pid()));
            boolean oldRetired = now.stream().noneMatch(w -> !w.shuttingDown() && old.contains(w.pid()));
            return fresh && oldRetired ? Optional.of(true) : Optional.<Boolean>empty();
        }).orElse(false);
    }

    private long connectionsTo(Slot slot, Set<Long> nginxProcesses) {
        Set<Long> inodes = new HashSet<>();
        boolean ownersUnknown = false;
        for (long pid : nginxProcesses) {
            Optional<Set<Long>> sockets = proc.socketInodes(pid);
            ownersUnknown |= sockets.isEmpty();
            sockets.ifPresent(inodes::addAll);
        }
        boolean countAll = ownersUnknown;
        List<InetAddress> host = hostAddresses();
        return proc.tcpSockets().stream().filter(TcpSocket::established)
                .filter(c -> c.remotePort() == slot.port() && matchesHost(c.remote(), host))
                .filter(c -> countAll || inodes.contains(c.inode()))
                .count();
    }

    // Any loopback address matches a loopback host: nginx may resolve "localhost" to ::1 as well as 127.0.0.1.
    private static boolean matchesHost(InetAddress remote, List<InetAddress> host) {
        return host.isEmpty() || host.contains(remote)
                || (remote.isLoopbackAddress() && host.stream().anyMatch(InetAddress::isLoopbackAddress));
    }

    private List<InetAddress> hostAddresses() {
        try {
            return Arrays.asList(InetAddress.getAllByName(settings.host()));
        } catch (UnknownHostException e) {
            LOG.warn("cannot resolve nginx host setting {}; counting connections to the slot port on any address", settings.host());
            return List.of();
        }
    }

    private byte[] readConfig() {
        Path file = settings.configFile();
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NginxConfigException("the nginx config file " + file + " does not exist",
                    "set router.nginx.config-file to the file that holds \"upstream " + settings.upstream() + " { ... }\"");
        } catch (IOException e) {
            throw new NginxConfigException("cannot read the nginx config file " + file + " (" + e.getMessage() + ")",
                    "let the user Standby runs as read and write it");
        }
    }

    private Completion run(List<String> arguments) {
        Completion completion = runner.run(Command.of(workingDirectory(), settings.commandTimeout(), arguments));
        LOG.debug("{} exited {}: {}", display(arguments), completion.exitCode(), completion.tail(OUTPUT_LINES));
        return completion;
    }

    private Path workingDirectory() {
        return settings.configFile().toAbsolutePath().getParent();
    }

    private void requireKnown(Slot slot) {
        if (!slots.all().contains(slot)) {
            throw new IllegalArgumentException(slot + " is not one of " + slots);
        }
    }

    private static String display(List<String> command) {
        return String.join(" ", command);
    }

    // ISO-8859-1 maps every byte to one char and back, so bytes Standby does not rewrite stay identical.
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
