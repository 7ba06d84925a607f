package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Standby drives nginx. Build one with {@link #reload} or {@link #flag}; the fields a mode does not use
 * may be null.
 *
 * @param mode           how a switch reaches nginx, see {@link Mode}
 * @param slots          the two slots and their ports
 * @param host           the address the slots listen on, as nginx connects to them (default 127.0.0.1)
 * @param upstream       RELOAD: the name of the {@code upstream} block whose server lines Standby rewrites;
 *                       FLAG: the prefix of the two upstream blocks, {@code <upstream>_blue} and {@code <upstream>_green}
 * @param configFile     RELOAD: the file holding that upstream block (nginx.conf itself or an included file)
 * @param pidFile        RELOAD: nginx's pid file, to find the master and watch its workers (default /run/nginx.pid)
 * @param flagFile       FLAG: the file whose presence sends traffic to the green slot (absolute path)
 * @param testCommand    checks nginx's configuration (default {@code nginx -t})
 * @param reloadCommand  makes nginx load a changed configuration (default {@code nginx -s reload})
 * @param dumpCommand    prints nginx's whole configuration, for the set-up check (default {@code nginx -T})
 * @param commandTimeout the longest each of those commands may run (default 30 s)
 * @param reloadTimeout  RELOAD: the longest nginx may take to replace its workers after a reload (default 10 s)
 * @param drainMinimum   the drain time this mode needs the app to apply at least, because the router cannot see
 *                       the requests still in flight (FLAG default 60 s, nginx's default proxy_read_timeout;
 *                       RELOAD default zero, since connections and old workers are visible)
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
        Duration reloadTimeout,
        Duration drainMinimum) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Path DEFAULT_PID_FILE = Path.of("/run/nginx.pid");
    public static final List<String> DEFAULT_TEST_COMMAND = List.of("nginx", "-t");
    public static final List<String> DEFAULT_RELOAD_COMMAND = List.of("nginx", "-s", "reload");
    public static final List<String> DEFAULT_DUMP_COMMAND = List.of("nginx", "-T");
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RELOAD_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_FLAG_DRAIN_MINIMUM = Duration.ofSeconds(60);

    private static final Pattern UPSTREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    // The flag path is written into nginx's config unquoted; these characters need no quoting there.
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./-]*");

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
                return new NginxFlagRouter(settings);
            }
        };

        abstract TrafficRouter router(NginxSettings settings, ProcessRunner runner);
    }

    public NginxSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(slots, "slots");
        requireText(host, "host");
        requireText(upstream, "upstream");
        if (!UPSTREAM_NAME.matcher(upstream).matches()) {
            throw new IllegalArgumentException("nginx upstream name may hold letters, digits, '_', '.' and '-' only: '" + upstream + "'");
        }
        testCommand = requireCommand(testCommand, "testCommand");
        reloadCommand = requireCommand(reloadCommand, "reloadCommand");
        dumpCommand = requireCommand(dumpCommand, "dumpCommand");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(reloadTimeout, "reloadTimeout");
        Objects.requireNonNull(drainMinimum, "drainMinimum");
        if (drainMinimum.isNegative()) {
            throw new IllegalArgumentException("drainMinimum cannot be negative: " + drainMinimum);
        }
        if (mode == Mode.RELOAD) {
            Objects.requireNonNull(configFile, "configFile is required in RELOAD mode: the file that holds the upstream block");
            Objects.requireNonNull(pidFile, "pidFile is required in RELOAD mode: nginx's pid file");
        }
        if (mode == Mode.FLAG) {
            Objects.requireNonNull(flagFile, "flagFile is required in FLAG mode");
            if (!flagFile.isAbsolute() || !SAFE_PATH.matcher(flagFile.toString()).matches() || flagFile.getParent() == null) {
                throw new IllegalArgumentException("flagFile must be an absolute path of letters, digits, '_', '.', '-' "
                        + "and '/' (it is written into nginx's config as it is): " + flagFile);
            }
        }
    }

    /** Reload mode with the defaults: nginx on the PATH, 127.0.0.1, drain watched through /proc. */
    public static NginxSettings reload(Slots slots, Path configFile, String upstream, Path pidFile) {
        return new NginxSettings(Mode.RELOAD, slots, DEFAULT_HOST, upstream, configFile, pidFile, null,
                DEFAULT_TEST_COMMAND, DEFAULT_RELOAD_COMMAND, DEFAULT_DUMP_COMMAND,
                DEFAULT_COMMAND_TIMEOUT, DEFAULT_RELOAD_TIMEOUT, Duration.ZERO);
    }

    /** Flag mode with the defaults; {@code app} prefixes the two upstream names. */
    public static NginxSettings flag(Slots slots, String app, Path flagFile) {
        return new NginxSettings(Mode.FLAG, slots, DEFAULT_HOST, app, null, null, flagFile,
                DEFAULT_TEST_COMMAND, DEFAULT_RELOAD_COMMAND, DEFAULT_DUMP_COMMAND,
                DEFAULT_COMMAND_TIMEOUT, DEFAULT_RELOAD_TIMEOUT, DEFAULT_FLAG_DRAIN_MINIMUM);
    }

    /** The same settings running nginx differently, e.g. with {@code -p}/{@code -c} for a non-default install. */
    public NginxSettings withCommands(List<String> test, List<String> reload, List<String> dump) {
        return new NginxSettings(mode, slots, host, upstream, configFile, pidFile, flagFile, test, reload, dump,
                commandTimeout, reloadTimeout, drainMinimum);
    }

    public NginxSettings withHost(String newHost) {
        return new NginxSettings(mode, slots, newHost, upstream, configFile, pidFile, flagFile, testCommand,
                reloadCommand, dumpCommand, commandTimeout, reloadTimeout, drainMinimum);
    }

    public NginxSettings withTimeouts(Duration command, Duration reload) {
        return new NginxSettings(mode, slots, host, upstream, configFile, pidFile, flagFile, testCommand,
                reloadCommand, dumpCommand, command, reload, drainMinimum);
    }

    public NginxSettings withDrainMinimum(Duration minimum) {
        return new NginxSettings(mode, slots, host, upstream, configFile, pidFile, flagFile, testCommand,
                reloadCommand, dumpCommand, commandTimeout, reloadTimeout, minimum);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " cannot be blank");
        }
    }

    private static List<String> requireCommand(List<String> command, String name) {
        Objects.requireNonNull(command, name);
        if (command.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least the program to run");
        }
        return List.copyOf(command);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be more than zero: " + d);
        }
    }
}
