package io.standby.adapters.haproxy;

import com.google.inject.Inject;
import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.os.Poll;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steers HAProxy through its runtime API: the live slot's server is `ready`, the other one `drain`s. Each switch is
 * also written into the config file (the `disabled` keyword on the idle server's line), so that a restart or reload
 * routes the same way; that file is what HAProxy reads anyway, so no extra state file or global directive is needed.
 *
 * <p>The old server is left in `drain` rather than put into `maint` once drained: {@link #isDrained} is a question
 * the domain may ask repeatedly and about any slot, and a side effect there could take a live server out. Drain
 * already keeps new requests off it, the next switch turns it `ready` from either state, and the config file's
 * `disabled` makes it `maint` on the next reload.
 */
final class HaproxyRouter implements TrafficRouter {

    private static final Logger LOG = LoggerFactory.getLogger(HaproxyRouter.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final HaproxySettings settings;
    private final Slots slots;
    private final RuntimeApi api;
    private final ConfigFile config;
    private final Poll poll = new Poll(POLL);

    @Inject
    HaproxyRouter(HaproxySettings settings, Slots slots, ProcessRunner runner) {
        this.settings = settings;
        this.slots = slots;
        this.api = new RuntimeApi(settings.socket(), settings.commandTimeout());
        this.config = new ConfigFile(settings.config(), settings.binary(), settings.commandTimeout(), runner);
    }

    @Override
    public Optional<Slot> current() {
        try {
            return serving(servers());
        } catch (RuntimeApiException e) {
            throw new ProxyUnavailableException(e.getMessage());
        }
    }

    private Optional<Slot> serving(ServersState state) {
        List<Slot> serving = slots.all().stream()
                .filter(slot -> {
                    ServerState server = require(state, slot);
                    return server.ready() && server.up();
                })
                .toList();
        if (serving.size() > 1) {
            LOG.warn("haproxy backend {}: both servers {} and {} are ready and up, so requests go to both slots;"
                            + " fix: mark the idle one `disabled` in {}, or let Standby switch once", settings.backend(),
                    settings.serverFor(slots.blue()), settings.serverFor(slots.green()), settings.config());
            return Optional.empty();
        }
        return serving.stream().findFirst();
    }

    @Override
    public synchronized Outcome switchTo(Slot slot) {
        Slot old = slots.other(slot);
        String target = settings.serverFor(slot);
        String previous = settings.serverFor(old);
        long began = System.nanoTime();
        ConfigFile.Staged staged = ConfigFile.Staged.unchanged();
        List<Runnable> undo = new ArrayList<>();
        try {
            ServersState before = servers();
            ServerState from = require(before, slot);
            ServerState other = require(before, old);
            // Checked before touching the runtime, so a config HAProxy would reject never leaves it half switched.
            staged = config.stage(settings.backend(), target, previous);
            if (!staged.ok()) {
                return Outcome.failed(staged.problem());
            }
            set(target, "ready");
            undo.add(0, () -> restore(target, from));
            ServerState now = awaitConfirmedUp(slot);
            if (!(now.ready() && now.confirmedUp())) {
                undo.forEach(Runnable::run);
                return Outcome.failed(notUp(slot, old, now));
            }
            // Drain, not maint: requests already on the old server finish there; only new ones go to the new one.
            if (other.ready()) {
                set(previous, "drain");
                undo.add(0, () -> restore(previous, other));
            }
            Outcome kept = config.commit(staged);
            if (kept instanceof Outcome.Failed failure) {
                undo.forEach(Runnable::run);
                return Outcome.failed(failure.reason() + "; HAProxy was switched back to " + old.name());
            }
            LOG.info("haproxy backend {}: routes to {} (server {}, was {}); server {} {}; {} {} ({} ms)",
                    settings.backend(), slot, target, from.adminWord(), previous,
                    other.ready() ? "drains" : "stays " + other.adminWord(), settings.config(),
                    staged.file().isPresent() ? "updated" : "already matched", (System.nanoTime() - began) / 1_000_000);
            return Outcome.done();
        } catch (RuntimeApiException e) {
            // Whatever the runtime API already did is undone, so the proxy keeps routing as before the call.
            undo.forEach(Runnable::run);
            if (e.unreachable()) {
                throw new ProxyUnavailableException(e.getMessage());
            }
            return Outcome.failed(e.getMessage());
        } finally {
            config.discard(staged);
        }
    }

    /**
     * A slot the proxy may still send new requests to is never drained; a draining or disabled one is once HAProxy
     * holds no request on it and none in its queue. Idle pooled connections to it do not count: HAProxy picks no
     * request for a draining server, and closes such a connection without error when the instance stops.
     */
    @Override
    public boolean isDrained(Slot slot) {
        try {
            return drained(slot);
        } catch (RuntimeApiException e) {
            throw new ProxyUnavailableException(e.getMessage());
        }
    }

    private boolean drained(Slot slot) {
        ServerState server = require(servers(), slot);
        if (server.ready()) {
            return false;
        }
        String name = settings.serverFor(slot);
        ServerStats stats = ServerStats.find(api.execute("show stat " + settings.backend() + " 4 -1"),
                        settings.backend(), name)
                .orElseThrow(() -> noSuchServer(slot, name));
        return stats.sessions() == 0 && stats.queued() == 0;
    }

    private ServersState servers() {
        String answer = api.execute("show servers state " + settings.backend());
        if (answer.startsWith("Can't find backend") || answer.startsWith("No such backend")) {
            throw noSuchBackend(answer);
        }
        return ServersState.parse(settings.backend(), answer);
    }

    private ServerState require(ServersState state, Slot slot) {
        String name = settings.serverFor(slot);
        return state.server(name).orElseThrow(() -> noSuchServer(slot, name));
    }

    private ServerState awaitConfirmedUp(Slot slot) {
        return poll.latest(settings.switchTimeout(), () -> require(servers(), slot),
                server -> server.ready() && server.confirmedUp());
    }

    private void set(String server, String state) {
        String command = "set server " + settings.backend() + "/" + server + " state " + state;
        String answer = api.execute(command).strip();
        if (answer.isEmpty()) {
            return;
        }
        if (answer.startsWith("Permission denied")) {
            throw new RuntimeApiException("HAProxy's socket " + settings.socket() + " is not at admin level: it answered"
                    + " \"Permission denied\" to `" + command + "`; fix: give it admin level in `global`"
                    + " (`stats socket " + settings.socket() + " mode 600 level admin`) and reload HAProxy");
        }
        if (answer.startsWith("No such backend")) {
            throw noSuchBackend(answer);
        }
        if (answer.startsWith("No such server")) {
            throw new RuntimeApiException("HAProxy's backend " + settings.backend() + " has no server " + server
                    + " (it answered \"" + answer + "\" to `" + command + "`); fix: check the server names in the settings");
        }
        throw new RuntimeApiException("HAProxy refused `" + command + "`: " + answer);
    }

    /** Puts a server back the way it was before a failed switch; a failure here is logged, the first one reported. */
    private void restore(String server, ServerState was) {
        try {
            set(server, was.adminWord());
        } catch (RuntimeApiException e) {
            LOG.error("haproxy backend {}: could not put server {} back to {} after a failed switch: {}",
                    settings.backend(), server, was.adminWord(), e.getMessage());
        }
    }

    private String notUp(Slot slot, Slot old, ServerState server) {
        String name = settings.serverFor(slot);
        String check = ServerStats.find(api.execute("show stat " + settings.backend() + " 4 -1"), settings.backend(), name)
                .map(s -> s.checkStatus().isEmpty() ? "" : ", last check " + s.checkStatus()
                        + (s.checkDetail().isEmpty() ? "" : ": " + s.checkDetail()))
                .orElse("");
        return "HAProxy did not see server " + settings.backend() + "/" + name + " up within "
                + Durations.human(settings.switchTimeout()) + " (" + server.describe() + check + "), so requests stay on "
                + old.name() + "; fix: make sure the instance on " + slot + " answers HAProxy's health check on port "
                + server.port() + ", or raise the switch timeout";
    }

    private RuntimeApiException noSuchBackend(String answer) {
        return new RuntimeApiException("HAProxy has no backend " + settings.backend() + " (it answered \"" + answer.strip()
                + "\"); fix: set the backend to the `backend` section that holds the slots' servers, or reload HAProxy"
                + " with " + settings.config());
    }

    private RuntimeApiException noSuchServer(Slot slot, String name) {
        return new RuntimeApiException("HAProxy's backend " + settings.backend() + " has no server " + name + " for slot "
                + slot + "; fix: map the slot to its server's name in the settings (slot -> server), or add"
                + " `server " + name + " 127.0.0.1:" + slot.port() + " check` to backend " + settings.backend()
                + " and reload HAProxy");
    }
}
