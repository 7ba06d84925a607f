package io.standby.adapters.haproxy;

import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The smallest haproxy.cfg Standby can steer: one frontend, one backend with a server per slot (the idle one
 * `disabled`) and an admin-level stats socket.
 *
 * @param bind    where the frontend listens, as HAProxy's `bind` takes it: ":8080", "127.0.0.1:8080"
 * @param socket  the admin stats socket Standby talks to
 * @param backend the backend's name
 * @param slots   the two slots; each gets a server of the same name on 127.0.0.1 and the slot's port
 * @param live    the slot that serves when HAProxy starts
 */
public record MinimalHaproxyConfig(String bind, Path socket, String backend, Slots slots, Slot live) {

    private static final Pattern BIND = Pattern.compile("[^\\s#]*:\\d{1,5}");

    public MinimalHaproxyConfig {
        Objects.requireNonNull(bind, "bind");
        if (!BIND.matcher(bind).matches()) {
            throw new IllegalArgumentException("bind must be [address]:port, e.g. \":8080\", got '" + bind + "'");
        }
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(live, "live");
        slots.other(live);
        // The configuration's rule too, so a rendered config always fits settings built from it.
        Objects.requireNonNull(backend, "backend");
        if (!HaproxyNames.isName(backend)) {
            throw new IllegalArgumentException("backend must be an HAProxy name (letters, digits, '_', '.', ':', '-'): '"
                    + backend + "'");
        }
    }

    /** The config text, ready to write to a file and start HAProxy with. */
    public String render() {
        return """
                # Standby steers this file's backend through the admin socket and keeps the `disabled` keyword on the
                # idle slot's server line in step, so a restart or reload routes the same way.
                global
                    # Standby needs `level admin` to switch servers; keep the socket private to the agent's user.
                    stats socket %1$s mode 600 level admin
                    stats timeout 30s

                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    timeout http-keep-alive 10s
                    # A request whose connection to a stopping instance fails is retried on the other server.
                    retries 3
                    option redispatch
                    http-reuse safe

                frontend web
                    bind %3$s
                    default_backend %2$s

                backend %2$s
                    # A switch waits for HAProxy's own passed check of the new slot's server. While that server is down
                    # (its instance stopped or just starting) it is checked every 100 ms instead of every 2 s, so the
                    # switch waits for the instance, not for the check interval.
                    default-server downinter 100ms fastinter 100ms
                %4$s
                %5$s
                """.formatted(socket, backend, bind, server(slots.blue()), server(slots.green()));
    }

    private String server(Slot slot) {
        return "    server " + slot.name() + " 127.0.0.1:" + slot.port() + " check" + (slot.equals(live) ? "" : " disabled");
    }
}
