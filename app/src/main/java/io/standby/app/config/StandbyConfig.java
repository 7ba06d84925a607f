package io.standby.app.config;

import io.standby.domain.model.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One application's configuration, as written in its YAML file. Every key is documented in the README;
 * defaults are filled in here so that the rest of the agent never sees a missing value.
 */
public record StandbyConfig(
        String app,
        Repository repository,
        Duration pollInterval,
        Duration maxBackoff,
        Path stateDir,
        Path releasesDir,
        Integer keepReleases,
        Path adoptDirectory,
        Install install,
        Service service,
        Slots slots,
        Health health,
        Drain drain,
        Watch watch,
        Router router) {

    public StandbyConfig {
        app = Required.name("app", app);
        repository = Required.section("repository", repository);
        pollInterval = Defaults.or(pollInterval, Duration.ofSeconds(30));
        maxBackoff = Defaults.or(maxBackoff, Duration.ofMinutes(5));
        stateDir = Required.value("state-dir", stateDir);
        releasesDir = Defaults.or(releasesDir, stateDir.resolve("releases"));
        keepReleases = Defaults.or(keepReleases, 5);
        install = Defaults.or(install, new Install(null, null, null));
        service = Defaults.or(service, new Service(null, null, null, null, null, null, null));
        slots = Required.section("slots", slots);
        health = Required.section("health", health);
        drain = Defaults.or(drain, new Drain(null, null));
        watch = Defaults.or(watch, new Watch(null, null));
        router = Required.section("router", router);
        if (keepReleases < 2) {
            throw new IllegalArgumentException("keep-releases must be at least 2 (the live release and one to roll back to), got " + keepReleases);
        }
    }

    public Optional<Path> adoptDirectoryIfSet() {
        return Optional.ofNullable(adoptDirectory);
    }

    /** Where releases come from. The secret itself is never in the file: only the name of the variable holding it. */
    public record Repository(String url, String branch, String username, String secretEnv, Duration timeout) {
        public Repository {
            url = Required.value("repository.url", url);
            branch = Defaults.or(branch, "master");
            timeout = Defaults.or(timeout, Duration.ofMinutes(2));
        }
    }

    /** How dependencies are installed in a release directory. */
    public record Install(List<String> command, Duration timeout, Boolean reuseVendor) {
        public Install {
            command = List.copyOf(Defaults.or(command,
                    List.of("composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction")));
            if (command.isEmpty()) {
                throw new IllegalArgumentException("install.command is empty: give the program and its arguments as a list");
            }
            timeout = Defaults.or(timeout, Duration.ofMinutes(5));
            reuseVendor = Defaults.or(reuseVendor, true);
        }
    }

    /** How the EasySwoole service is started and stopped: as a daemon of its own CLI, or as supervisord's programs. */
    public record Service(String php, String entry, String mode, Duration startTimeout, Duration stopTimeout,
                          RuntimeKind runtime, Supervisord supervisord) {
        public Service {
            runtime = Defaults.or(runtime, RuntimeKind.DAEMON);
            if (runtime == RuntimeKind.DAEMON && supervisord != null) {
                throw new IllegalArgumentException("service.supervisord is set but service.runtime is daemon: add"
                        + " 'runtime: supervisord' to the service section, or remove its supervisord section");
            }
            supervisord = runtime == RuntimeKind.SUPERVISORD ? Defaults.or(supervisord, new Supervisord(null, null, null, null)) : null;
            php = Defaults.or(php, "php");
            entry = Defaults.or(entry, "easyswoole.php");
            mode = Defaults.or(mode, "produce");
            if (!mode.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("service.mode '" + mode + "' must be a plain name such as produce or dev (it names <mode>.php)");
            }
            startTimeout = Defaults.or(startTimeout, Duration.ofSeconds(30));
            stopTimeout = Defaults.or(stopTimeout, Duration.ofSeconds(30));
        }
    }

    /** What runs each slot's instance: EasySwoole's CLI as a daemon ({@code -d}), or a supervisord program per slot. */
    public enum RuntimeKind { DAEMON, SUPERVISORD }

    /**
     * How to reach supervisord, and its program for each slot: {@code program} is a name in which {@code {slot}} stands
     * for blue or green and {@code {app}} for the application; left out, the programs are {@code <app>-blue} and
     * {@code <app>-green}.
     */
    public record Supervisord(List<String> supervisorctl, Path config, String program, Duration timeout) {
        public Supervisord {
            supervisorctl = List.copyOf(Defaults.or(supervisorctl, List.of("supervisorctl")));
            if (supervisorctl.isEmpty()) {
                throw new IllegalArgumentException("service.supervisord.supervisorctl is empty: give the program and its"
                        + " arguments as a list, e.g. [supervisorctl] or [sudo, -n, supervisorctl]");
            }
            timeout = Defaults.or(timeout, Duration.ofSeconds(10));
            if (program != null && (!program.contains("{slot}")
                    || !program.matches("([A-Za-z0-9_.-]|\\{app}|\\{slot})+(:([A-Za-z0-9_.-]|\\{app}|\\{slot})+)?"))) {
                throw new IllegalArgumentException("service.supervisord.program '" + program + "' must name each slot's"
                        + " supervisord program with {slot} in it (and optionally {app}), in letters, digits, '.', '_' and '-',"
                        + " e.g. '{app}-{slot}' (quoted: YAML reads a leading { as a map) or shop-{slot}");
            }
        }
    }

    /** The two ports a release alternates between. */
    public record Slots(Integer blue, Integer green) {
        public Slots {
            blue = Required.value("slots.blue", blue);
            green = Required.value("slots.green", green);
            for (var port : List.of(blue, green)) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("slot port " + port + " is out of range: use a port between 1 and 65535");
                }
            }
            if (blue.equals(green)) {
                throw new IllegalArgumentException("slots.blue and slots.green are both " + blue
                        + ": give each slot its own port (for example 9501 and 9502)");
            }
        }
    }

    /** How a release proves it is fit to serve, on its own port and through the proxy. */
    public record Health(String path, Integer expectStatus, Duration timeout, Integer attempts, Duration interval,
                         String proxyUrl) {
        public Health {
            path = Defaults.or(path, "/health");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("health.path must start with '/', got '" + path + "'");
            }
            expectStatus = Defaults.or(expectStatus, 200);
            timeout = Defaults.or(timeout, Duration.ofSeconds(2));
            attempts = Defaults.or(attempts, 30);
            if (attempts < 1) {
                throw new IllegalArgumentException("health.attempts must be at least 1");
            }
            interval = Defaults.or(interval, Duration.ofMillis(500));
            proxyUrl = Required.value("health.proxy-url", proxyUrl);
            if (!proxyUrl.matches("https?://[^/\\s]+/?")) {
                throw new IllegalArgumentException("health.proxy-url '" + proxyUrl
                        + "' must be the proxy's base address, such as http://127.0.0.1:80");
            }
            proxyUrl = proxyUrl.endsWith("/") ? proxyUrl.substring(0, proxyUrl.length() - 1) : proxyUrl;
        }
    }

    /** How long the old release is kept up after the switch. */
    public record Drain(Duration minimum, Duration timeout) {
        public Drain {
            timeout = Defaults.or(timeout, Duration.ofSeconds(60));
            if (minimum != null && minimum.compareTo(timeout) > 0) {
                throw new IllegalArgumentException("drain.minimum (" + Durations.human(minimum) + ") cannot be longer than drain.timeout ("
                        + Durations.human(timeout) + "): raise the timeout or lower the minimum");
            }
        }

        /** The minimum, when set; otherwise what the router needs (nginx's flag mode cannot see requests in flight). */
        public Duration minimumOr(Duration routerDefault) {
            return minimum != null ? minimum : routerDefault.compareTo(timeout) > 0 ? timeout : routerDefault;
        }
    }

    /** How long the new release is watched through the proxy with the old one still warm. */
    public record Watch(Duration window, Duration interval) {
        public Watch {
            window = Defaults.or(window, Duration.ofSeconds(5));
            interval = Defaults.or(interval, Duration.ofMillis(500));
        }
    }

    /** Which proxy sends traffic to the slots. */
    public record Router(RouterKind kind, Nginx nginx, Haproxy haproxy) {
        public Router {
            kind = Required.value("router.kind", kind);
            if (kind == RouterKind.NGINX && nginx == null) {
                throw new IllegalArgumentException("router.kind is nginx but there is no router.nginx section: add config-file and upstream");
            }
            if (kind == RouterKind.HAPROXY && haproxy == null) {
                throw new IllegalArgumentException("router.kind is haproxy but there is no router.haproxy section: add socket and backend");
            }
        }
    }

    public enum RouterKind { NGINX, HAPROXY }

    public enum NginxSwitch { RELOAD, FLAG }

    /**
     * nginx: either an upstream block rewritten and reloaded ({@code upstream} names it), or two upstreams
     * {@code <upstream>_blue} and {@code <upstream>_green} chosen per request by a flag file ({@code upstream}
     * defaults to the app's name there).
     */
    public record Nginx(NginxSwitch mode, Path configFile, String upstream, Path flagFile, Path pidFile, String host, List<String> testCommand, List<String> reloadCommand,
                        List<String> dumpCommand, Duration commandTimeout, Duration reloadTimeout) {
        public Nginx {
            mode = Defaults.or(mode, NginxSwitch.RELOAD);
            host = Defaults.or(host, "127.0.0.1");
            pidFile = Defaults.or(pidFile, Path.of("/run/nginx.pid"));
            testCommand = List.copyOf(Defaults.or(testCommand, List.of("nginx", "-t")));
            reloadCommand = List.copyOf(Defaults.or(reloadCommand, List.of("nginx", "-s", "reload")));
            dumpCommand = List.copyOf(Defaults.or(dumpCommand, List.of("nginx", "-T")));
            commandTimeout = Defaults.or(commandTimeout, Duration.ofSeconds(30));
            reloadTimeout = Defaults.or(reloadTimeout, Duration.ofSeconds(30));
            if (mode == NginxSwitch.RELOAD) {
                configFile = Required.value("router.nginx.config-file", configFile);
                upstream = Required.value("router.nginx.upstream", upstream);
            } else {
                flagFile = Required.value("router.nginx.flag-file", flagFile);
            }
        }
    }

    /** HAProxy, switched through its runtime API. */
    public record Haproxy(Path socket, String backend, String blueServer, String greenServer, Path configFile,
                          String binary, Duration timeout, Duration switchTimeout) {
        public Haproxy {
            socket = Required.value("router.haproxy.socket", socket);
            backend = Required.value("router.haproxy.backend", backend);
            configFile = Required.value("router.haproxy.config-file", configFile);
            blueServer = Defaults.or(blueServer, "blue");
            greenServer = Defaults.or(greenServer, "green");
            binary = Defaults.or(binary, "haproxy");
            timeout = Defaults.or(timeout, Duration.ofSeconds(5));
            switchTimeout = Defaults.or(switchTimeout, Duration.ofSeconds(10));
        }
    }

    /** Defaults for keys left out. */
    static final class Defaults {
        private Defaults() {
        }

        static <T> T or(T value, T fallback) {
            return value == null ? fallback : value;
        }
    }

    /** Keys that must be given, with a message naming them. */
    static final class Required {
        private Required() {
        }

        static <T> T value(String key, T value) {
            if (value == null) {
                throw new IllegalArgumentException("'" + key + "' is missing: add it to the configuration (see the README's configuration table)");
            }
            if (value instanceof String s && s.isBlank()) {
                throw new IllegalArgumentException("'" + key + "' is empty: give it a value");
            }
            return value;
        }

        static <T> T section(String key, T value) {
            if (value == null) {
                throw new IllegalArgumentException("the '" + key + "' section is missing: add it (see the README's configuration table)");
            }
            return value;
        }

        static String name(String key, String value) {
            value(key, value);
            if (!value.matches("[a-z0-9][a-z0-9-]{0,40}")) {
                throw new IllegalArgumentException("'" + key + "' must be lower-case letters, digits and '-', got '" + value + "'");
            }
            return value;
        }
    }
}
