package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How Standby drives nginx. The app's configuration gives every value its default and checks it (the flag file's
 * path is written into nginx's config unquoted, so it holds no character nginx would read differently); this record
 * carries them. The fields a mode does not use may be null.
 *
 * @param mode           how a switch reaches nginx, see {@link Mode}
 * @param slots          the two slots and their ports
 * @param host           the address the slots listen on, as nginx connects to them
 * @param upstream       RELOAD: the name of the {@code upstream} block whose server lines Standby rewrites;
 *                       FLAG: the prefix of the two upstream blocks, {@code <upstream>_blue} and {@code <upstream>_green}
 * @param configFile     RELOAD: the file holding that upstream block (nginx.conf itself or an included file)
 * @param pidFile        nginx's pid file, to find the master: RELOAD watches its workers, FLAG asks whether they can see
 *                       the flag (the check is passed over when it names no running nginx)
 * @param flagFile       FLAG: the file whose presence sends traffic to the green slot (absolute path)
 * @param testCommand    checks nginx's configuration, e.g. {@code nginx -t}
 * @param reloadCommand  makes nginx load a changed configuration, e.g. {@code nginx -s reload}
 * @param dumpCommand    prints nginx's whole configuration, for the set-up check, e.g. {@code nginx -T}
 * @param commandTimeout the longest each of those commands may run
 * @param reloadTimeout  RELOAD: the longest nginx may take to replace its workers after a reload
 */
public record NginxSettings(
        Mode mode,
        Slots slots,
        String host,
        String upstream,
        Path configFile,
        Path pidFile,
        Path flagFile,
        List<String> testCommand,
        List<String> reloadCommand,
        List<String> dumpCommand,
        Duration commandTimeout,
        Duration reloadTimeout) {

    /** How a switch reaches nginx. */
    public enum Mode {
        /**
         * Rewrite the server lines of one upstream block and reload nginx. For configurations adopted as they
         * are; every switch replaces nginx's workers, which closes idle client keep-alive connections.
         */
        RELOAD {
            @Override
            TrafficRouter router(NginxSettings settings, ProcessRunner runner) {
                return new NginxReloadRouter(settings, runner, ProcFs.system());
            }
        },
        /**
         * Create or delete a flag file that nginx tests on every request; no reload, so no connection is
         * dropped. Recommended for new set-ups; needs the snippet from {@link NginxSnippet} included once.
         */
        FLAG {
            @Override
            TrafficRouter router(NginxSettings settings, ProcessRunner runner) {
                return new NginxFlagRouter(settings, ProcFs.system(), runner);
            }
        };

        abstract TrafficRouter router(NginxSettings settings, ProcessRunner runner);
    }

    public NginxSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(upstream, "upstream");
        testCommand = List.copyOf(testCommand);
        reloadCommand = List.copyOf(reloadCommand);
        dumpCommand = List.copyOf(dumpCommand);
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(reloadTimeout, "reloadTimeout");
        if (mode == Mode.RELOAD) {
            Objects.requireNonNull(configFile, "configFile is required in RELOAD mode: the file that holds the upstream block");
            Objects.requireNonNull(pidFile, "pidFile is required in RELOAD mode: nginx's pid file");
        }
        if (mode == Mode.FLAG) {
            Objects.requireNonNull(flagFile, "flagFile is required in FLAG mode");
        }
    }
}
