package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings for tests, built whole: the record takes no defaults (the app's configuration gives those), so these
 * helpers fill in nginx from the PATH on 127.0.0.1 and let a test change what it is about.
 */
final class TestSettings {

    private TestSettings() {
    }

    static NginxSettings reload(Slots slots, Path configFile, String upstream, Path pidFile) {
        return new NginxSettings(NginxSettings.Mode.RELOAD, slots, "127.0.0.1", upstream, configFile, pidFile, null,
                List.of("nginx", "-t"), List.of("nginx", "-s", "reload"), List.of("nginx", "-T"),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    static NginxSettings flag(Slots slots, String app, Path flagFile) {
        return new NginxSettings(NginxSettings.Mode.FLAG, slots, "127.0.0.1", app, null, null, flagFile,
                List.of("nginx", "-t"), List.of("nginx", "-s", "reload"), List.of("nginx", "-T"),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** The same settings running nginx differently, e.g. with {@code -p}/{@code -c} for a test's own nginx. */
    static NginxSettings withCommands(NginxSettings s, List<String> test, List<String> reload, List<String> dump) {
        return new NginxSettings(s.mode(), s.slots(), s.host(), s.upstream(), s.configFile(), s.pidFile(), s.flagFile(),
                test, reload, dump, s.commandTimeout(), s.reloadTimeout());
    }

    static NginxSettings withTimeouts(NginxSettings s, Duration command, Duration reload) {
        return new NginxSettings(s.mode(), s.slots(), s.host(), s.upstream(), s.configFile(), s.pidFile(), s.flagFile(),
                s.testCommand(), s.reloadCommand(), s.dumpCommand(), command, reload);
    }
}
