package io.standby.adapters.haproxy;

import io.standby.domain.model.Slot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How Standby reaches and steers HAProxy. The app's configuration gives every value its default and checks it;
 * this record carries them.
 *
 * @param socket         HAProxy's admin stats socket (`stats socket <path> ... level admin` in `global`)
 * @param backend        the backend whose servers are the two slots
 * @param servers        the server name for each slot name
 * @param config         the config file HAProxy is started with; each switch is written into it so a restart or
 *                       reload keeps routing the same way
 * @param binary         the haproxy program, used as `haproxy -c -f <file>` to check the config before it is replaced
 * @param commandTimeout how long one runtime API command or config check may take
 * @param switchTimeout  how long a switch waits for HAProxy's health check to pass on the new slot's server
 */
public record HaproxySettings(Path socket, String backend, Map<String, String> servers, Path config, String binary,
                              Duration commandTimeout, Duration switchTimeout) {

    public HaproxySettings {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(backend, "backend");
        servers = Map.copyOf(servers);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(switchTimeout, "switchTimeout");
    }

    /** The name of the slot's server in the backend. */
    public String serverFor(Slot slot) {
        String server = servers.get(slot.name());
        if (server == null) {
            throw new IllegalArgumentException("no HAProxy server is named for slot " + slot.name() + " in " + servers);
        }
        return server;
    }
}
