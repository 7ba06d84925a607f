package io.standby.adapters.haproxy;

import io.standby.domain.model.Slot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Standby reaches and steers HAProxy.
 *
 * @param socket         HAProxy's admin stats socket (`stats socket <path> ... level admin` in `global`)
 * @param backend        the backend whose servers are the two slots
 * @param servers        the server name for each slot name; a slot missing here uses its own name as server name
 * @param config         the config file HAProxy is started with; each switch is written into it so a restart or
 *                       reload keeps routing the same way
 * @param binary         the haproxy program, used as `haproxy -c -f <file>` to check the config before it is replaced
 * @param commandTimeout how long one runtime API command or config check may take
 * @param switchTimeout  how long a switch waits for HAProxy's health check to pass on the new slot's server
 */
public record HaproxySettings(Path socket, String backend, Map<String, String> servers, Path config, String binary,
                              Duration commandTimeout, Duration switchTimeout) {

    public static final String DEFAULT_BINARY = "haproxy";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SWITCH_TIMEOUT = Duration.ofSeconds(10);

    // HAProxy's own rule for proxy and server names.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    public HaproxySettings {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(config, "config");
        requireName("backend", backend);
        servers = Map.copyOf(servers);
        servers.forEach((slot, server) -> requireName("server for slot " + slot, server));
        Objects.requireNonNull(binary, "binary");
        if (binary.isBlank()) {
            throw new IllegalArgumentException("the haproxy binary must not be blank; use \"" + DEFAULT_BINARY + "\"");
        }
        requirePositive("commandTimeout", commandTimeout);
        requirePositive("switchTimeout", switchTimeout);
    }

    /** Settings with server names equal to slot names, `haproxy` from the PATH and the default timeouts. */
    public static HaproxySettings of(Path socket, String backend, Path config) {
        return new HaproxySettings(socket, backend, Map.of(), config, DEFAULT_BINARY, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_SWITCH_TIMEOUT);
    }

    public HaproxySettings withServers(Map<String, String> names) {
        return new HaproxySettings(socket, backend, names, config, binary, commandTimeout, switchTimeout);
    }

    public HaproxySettings withBinary(String program) {
        return new HaproxySettings(socket, backend, servers, config, program, commandTimeout, switchTimeout);
    }

    public HaproxySettings withSwitchTimeout(Duration timeout) {
        return new HaproxySettings(socket, backend, servers, config, binary, commandTimeout, timeout);
    }

    /** The name of the slot's server in the backend. */
    public String serverFor(Slot slot) {
        return servers.getOrDefault(slot.name(), slot.name());
    }

    private static void requireName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be an HAProxy name (letters, digits, '_', '.', ':', '-'): '"
                    + name + "'");
        }
    }

    private static void requirePositive(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be above zero, got " + duration);
        }
    }
}
