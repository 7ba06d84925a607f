package io.standby.adapters.haproxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings for tests, built whole: the record takes no defaults (the app's configuration gives those), so these
 * helpers fill in servers named like the slots, haproxy from the PATH and short timeouts.
 */
final class TestSettings {

    static final Map<String, String> SERVERS_NAMED_LIKE_SLOTS = Map.of("blue", "blue", "green", "green");

    private TestSettings() {
    }

    static HaproxySettings of(Path socket, String backend, Path config) {
        return new HaproxySettings(socket, backend, SERVERS_NAMED_LIKE_SLOTS, config, "haproxy", Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    static HaproxySettings withServers(HaproxySettings s, Map<String, String> servers) {
        return new HaproxySettings(s.socket(), s.backend(), servers, s.config(), s.binary(), s.commandTimeout(), s.switchTimeout());
    }

    static HaproxySettings withBinary(HaproxySettings s, String binary) {
        return new HaproxySettings(s.socket(), s.backend(), s.servers(), s.config(), binary, s.commandTimeout(), s.switchTimeout());
    }

    static HaproxySettings withSwitchTimeout(HaproxySettings s, Duration timeout) {
        return new HaproxySettings(s.socket(), s.backend(), s.servers(), s.config(), s.binary(), s.commandTimeout(), timeout);
    }
}
