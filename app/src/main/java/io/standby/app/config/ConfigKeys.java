package io.standby.app.config;

import io.standby.adapters.git.GitNames;
import io.standby.adapters.git.PublicUrl;
import io.standby.adapters.haproxy.HaproxyNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key of the configuration file, in the README's order: the one place that gives each its default and its
 * check. The config records read their values through these; a test holds the README's table to them.
 */
final class ConfigKeys {

    private ConfigKeys() {
    }

    // nginx's default proxy_read_timeout: the longest an in-flight request can wait for the old release anyway.
    private static final String FLAG_DRAIN_MINIMUM = "60s";
    /** The drain minimum of nginx's flag mode, which cannot see the requests still in flight. */
    static final Duration NGINX_FLAG_DRAIN_MINIMUM = DurationText.parse(FLAG_DRAIN_MINIMUM);

    // A release installs exactly what its lock file says: anything that re-resolves versions is refused.
    private static final Set<String> RESOLVING = Set.of("update", "upgrade", "u", "require", "remove");
    // supervisord's own names: a program, or group:program for one inside a [group:x]; {app} and {slot} stand in.
    private static final Pattern PROGRAM = Pattern.compile("([A-Za-z0-9_.-]|\\{app}|\\{slot})+(:([A-Za-z0-9_.-]|\\{app}|\\{slot})+)?");
    // RFC 9110's token, and the headers the JDK's client sets itself and refuses; Content-Type is ours (JSON).
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "content-type", "expect",
            "host", "upgrade");
    // Written into nginx's config unquoted: these characters need no quoting there.
    private static final Pattern NGINX_SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./-]*");

    static final Key<String> APP = Key.required("app", Checks.matching(Pattern.compile("[a-z0-9][a-z0-9-]{0,40}"),
            "must be lower-case letters, digits and '-' (at most 41, not starting with '-'), such as shop"));

    static final Key<String> REPOSITORY_URL = Key.required("repository.url", url -> GitNames.addressProblem(url)
            .map(problem -> "'" + PublicUrl.of(url) + "' " + problem));
    static final Key<String> REPOSITORY_BRANCH = Key.plain("repository.branch", "master", branch -> GitNames.isBranch(branch)
            ? Optional.empty()
            : Optional.of("'" + branch + "' is not a valid branch name: give the name as in 'git branch', e.g. 'main' or 'release/2024'"));
    static final Key<String> REPOSITORY_USERNAME = Key.derived("repository.username", "none", Key.Check.none());
    static final Key<String> REPOSITORY_SECRET_ENV = Key.derived("repository.secret-env", "none", Key.Check.none());
    static final Key<Duration> REPOSITORY_TIMEOUT = Key.duration("repository.timeout", "2m", Checks.positive());

    static final Key<Duration> POLL_INTERVAL = Key.duration("poll-interval", "30s", Checks.positive());
    static final Key<Duration> MAX_BACKOFF = Key.duration("max-backoff", "5m", Checks.positive());
    static final Key<Path> STATE_DIR = Key.required("state-dir", Key.Check.none());
    static final Key<Path> RELEASES_DIR = Key.derived("releases-dir", "`<state-dir>/releases`", Key.Check.none());
    static final Key<Integer> KEEP_RELEASES = Key.plain("keep-releases", 5,
            Checks.atLeast(2, "(the live release and one to roll back to)"));
    static final Key<Path> ADOPT_DIRECTORY = Key.derived("adopt-directory", "found from the process on the port", Key.Check.none());

    static final Key<List<String>> INSTALL_COMMAND = Key.command("install.command",
            List.of("composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction"),
            command -> Checks.command("[composer, install, --no-dev]").problem(command)
                    .or(() -> command.stream().filter(RESOLVING::contains).findFirst().map(verb -> "must not re-resolve"
                            + " versions ('" + verb + "'): use composer install, so that each release gets exactly its composer.lock")));
    static final Key<Duration> INSTALL_TIMEOUT = Key.duration("install.timeout", "5m", Checks.positive());
    static final Key<Boolean> INSTALL_REUSE_VENDOR = Key.plain("install.reuse-vendor", true, Key.Check.none());

    static final Key<String> SERVICE_PHP = Key.plain("service.php", "php", Key.Check.none());
    // entry and mode become file names inside the release directory: no separators, no way out of it.
    static final Key<String> SERVICE_ENTRY = Key.plain("service.entry", "easyswoole.php", Checks.matching(
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}"),
            "must be a file name at the release's root, such as easyswoole.php"));
    static final Key<String> SERVICE_MODE = Key.plain("service.mode", "produce", Checks.matching(
            Pattern.compile("[A-Za-z0-9_-]{1,64}"),
            "must be a plain name such as produce or dev (it names <mode>.php)"));
    static final Key<Duration> SERVICE_START_TIMEOUT = Key.duration("service.start-timeout", "30s", Checks.positive());
    static final Key<Duration> SERVICE_STOP_TIMEOUT = Key.duration("service.stop-timeout", "30s", Checks.positive());
    static final Key<StandbyConfig.RuntimeKind> SERVICE_RUNTIME = Key.choice("service.runtime", StandbyConfig.RuntimeKind.DAEMON);
    static final Key<List<String>> SUPERVISORCTL = Key.command("service.supervisord.supervisorctl",
            List.of("supervisorctl"), Checks.command("[supervisorctl] or [sudo, -n, supervisorctl]"));
    static final Key<Path> SUPERVISORD_CONFIG = Key.derived("service.supervisord.config", "supervisorctl's own search", Key.Check.none());
    static final Key<String> SUPERVISORD_PROGRAM = Key.plain("service.supervisord.program", "{app}-{slot}",
            program -> program.contains("{slot}") && PROGRAM.matcher(program).matches() ? Optional.empty()
                    : Optional.of("'" + program + "' must name each slot's supervisord program with {slot} in it (and"
                    + " optionally {app}), in letters, digits, '.', '_' and '-', e.g. '{app}-{slot}' (quoted: YAML reads"
                    + " a leading { as a map) or shop-{slot}; web:shop-{slot} for a program in a [group:web]"));
    static final Key<Duration> SUPERVISORD_TIMEOUT = Key.duration("service.supervisord.timeout", "10s", Checks.positive());

    static final Key<Integer> SLOTS_BLUE = Key.required("slots.blue", Checks.port());
    static final Key<Integer> SLOTS_GREEN = Key.required("slots.green", Checks.port());

    static final Key<String> HEALTH_PATH = Key.plain("health.path", "/health", path -> path.startsWith("/")
            ? Optional.empty() : Optional.of("must start with '/', got '" + path + "'"));
    static final Key<Integer> HEALTH_EXPECT_STATUS = Key.plain("health.expect-status", 200, status -> status < 100 || status > 599
            ? Optional.of("is " + status + ": give an HTTP status between 100 and 599, such as 200") : Optional.empty());
    static final Key<Duration> HEALTH_TIMEOUT = Key.duration("health.timeout", "2s", Checks.positive());
    static final Key<Integer> HEALTH_ATTEMPTS = Key.plain("health.attempts", 30, Checks.atLeast(1, "(one request at least)"));
    static final Key<Duration> HEALTH_INTERVAL = Key.duration("health.interval", "500ms", Key.Check.none());
    static final Key<String> HEALTH_PROXY_URL = Key.required("health.proxy-url", ConfigKeys::proxyUrlProblem);
    static final Key<Boolean> HEALTH_REQUIRE_REVISION = Key.plain("health.require-revision", false, Key.Check.none());

    static final Key<Duration> DRAIN_MINIMUM = Key.derived("drain.minimum",
            "nginx flag mode `" + FLAG_DRAIN_MINIMUM + "`, else `0s`", Key.Check.none());
    static final Key<Duration> DRAIN_TIMEOUT = Key.duration("drain.timeout", "60s", Key.Check.none());
    static final Key<Duration> WATCH_WINDOW = Key.duration("watch.window", "5s", Key.Check.none());
    static final Key<Duration> WATCH_INTERVAL = Key.duration("watch.interval", "500ms", Checks.positive());

    static final Key<StandbyConfig.RouterKind> ROUTER_KIND = Key.required("router.kind", Key.Check.none());
    static final Key<StandbyConfig.NginxSwitch> NGINX_MODE = Key.choice("router.nginx.mode", StandbyConfig.NginxSwitch.RELOAD);
    static final Key<Path> NGINX_CONFIG_FILE = Key.derived("router.nginx.config-file", "reload: required", Key.Check.none());
    static final Key<String> NGINX_UPSTREAM = Key.derived("router.nginx.upstream", "reload: required; flag: `app`",
            Checks.matching(Pattern.compile("[A-Za-z0-9_.-]+"),
                    "may hold only letters, digits, '_', '.' and '-': give the name of the upstream block as nginx's config has it"));
    static final Key<Path> NGINX_FLAG_FILE = Key.derived("router.nginx.flag-file", "flag: required", flag ->
            flag.isAbsolute() && flag.getParent() != null && NGINX_SAFE_PATH.matcher(flag.toString()).matches()
                    ? Optional.empty()
                    : Optional.of("'" + flag + "' must be an absolute path of letters, digits, '_', '.', '-' and '/' (it is"
                    + " written into nginx's config as it is), such as /var/lib/standby/shop/green"));
    static final Key<Path> NGINX_PID_FILE = Key.plain("router.nginx.pid-file", Path.of("/run/nginx.pid"), Key.Check.none());
    static final Key<String> NGINX_HOST = Key.plain("router.nginx.host", "127.0.0.1", Key.Check.none());
    static final Key<List<String>> NGINX_TEST_COMMAND = Key.command("router.nginx.test-command",
            List.of("nginx", "-t"), Checks.command("[nginx, -t]"));
    static final Key<List<String>> NGINX_RELOAD_COMMAND = Key.command("router.nginx.reload-command",
            List.of("nginx", "-s", "reload"), Checks.command("[nginx, -s, reload]"));
    // Derived, so that an nginx driven with its own -p/-c, or through sudo, is dumped as it is tested.
    static final Key<List<String>> NGINX_DUMP_COMMAND = Key.derived("router.nginx.dump-command",
            "`test-command` with `-T` for its `-t`", Checks.command("[nginx, -T]"));
    static final Key<Duration> NGINX_COMMAND_TIMEOUT = Key.duration("router.nginx.command-timeout", "30s", Checks.positive());
    static final Key<Duration> NGINX_RELOAD_TIMEOUT = Key.duration("router.nginx.reload-timeout", "30s", Checks.positive());

    static final Key<Path> HAPROXY_SOCKET = Key.required("router.haproxy.socket", Key.Check.none());
    static final Key<String> HAPROXY_BACKEND = Key.required("router.haproxy.backend", ConfigKeys::haproxyNameProblem);
    static final Key<Path> HAPROXY_CONFIG_FILE = Key.required("router.haproxy.config-file", Key.Check.none());
    static final Key<String> HAPROXY_BLUE_SERVER = Key.plain("router.haproxy.blue-server", "blue", ConfigKeys::haproxyNameProblem);
    static final Key<String> HAPROXY_GREEN_SERVER = Key.plain("router.haproxy.green-server", "green", ConfigKeys::haproxyNameProblem);
    static final Key<String> HAPROXY_BINARY = Key.plain("router.haproxy.binary", "haproxy", Key.Check.none());
    static final Key<Duration> HAPROXY_TIMEOUT = Key.duration("router.haproxy.timeout", "5s", Checks.positive());
    static final Key<Duration> HAPROXY_SWITCH_TIMEOUT = Key.duration("router.haproxy.switch-timeout", "10s", Checks.positive());

    static final Key<String> LISTEN_ADDRESS = Key.plain("listen.address", "127.0.0.1", Key.Check.none());
    static final Key<Integer> LISTEN_PORT = Key.derived("listen.port", "none: no listener",
            port -> Checks.port().problem(port).or(() -> ConfigKeys.unprivilegedPortProblem(port)));
    // Far above a push event's size (GitHub lists at most 20 commits in one); a larger delivery is refused with 413
    // and its push is still released at the next poll.
    static final Key<ByteSize> LISTEN_BODY_LIMIT = Key.size("listen.body-limit", "1MiB", size ->
            size.bytes() < 1024 || size.bytes() > 64 * 1024 * 1024
                    ? Optional.of("is " + size + ": give a size from 1KiB to 64MiB, such as 1MiB")
                    : Optional.empty());

    static final Key<StandbyConfig.Forge> WEBHOOK_FORGE = Key.required("webhook.forge", Key.Check.none());
    static final Key<String> WEBHOOK_SECRET_ENV = Key.required("webhook.secret-env", Checks.variable("STANDBY_WEBHOOK_SECRET"));
    // Wide enough for clocks kept by NTP and a delivery's time in transit; narrow enough to make a replay stale.
    // Gitee itself refuses a signature more than an hour away from its own clock.
    static final Key<Duration> WEBHOOK_MAX_CLOCK_SKEW = Key.duration("webhook.max-clock-skew", "5m",
            duration -> Checks.positive().problem(duration).or(() -> Checks.atMost(Duration.ofHours(1), "1h").problem(duration)));

    static final Key<Integer> NOTIFY_ATTEMPTS = Key.plain("notify.attempts", 3, Checks.between(1, 10));
    static final Key<Duration> NOTIFY_BACKOFF = Key.duration("notify.backoff", "1s", Key.Check.none());
    static final Key<Duration> NOTIFY_MAX_BACKOFF = Key.duration("notify.max-backoff", "30s", Key.Check.none());
    static final Key<Integer> NOTIFY_QUEUE = Key.plain("notify.queue", 100, Checks.atLeast(1, "(the notice being sent)"));
    static final Key<Duration> NOTIFY_CLOSE_TIMEOUT = Key.duration("notify.close-timeout", "10s", Key.Check.none());
    static final Key<Duration> NOTIFY_CONNECT_TIMEOUT = Key.duration("notify.connect-timeout", "5s", Checks.positive());
    static final Key<Duration> NOTIFY_TIMEOUT = Key.duration("notify.timeout", "10s", Checks.positive());
    static final Key<String> NOTIFY_WEBHOOK_URL = Key.derived("notify.webhook.url", "none", ConfigKeys::notifyUrlProblem);
    static final Key<String> NOTIFY_WEBHOOK_URL_ENV = Key.derived("notify.webhook.url-env", "none",
            Checks.variable("STANDBY_NOTIFY_URL"));
    static final Key<Map<String, String>> NOTIFY_WEBHOOK_HEADERS = Key.none("notify.webhook.headers", Map.of(),
            headers -> headers.entrySet().stream().map(header -> headerNameProblem(header.getKey())
                    .or(() -> headerValueProblem(header.getKey(), header.getValue()))).flatMap(Optional::stream).findFirst());
    static final Key<Map<String, String>> NOTIFY_WEBHOOK_SECRET_HEADERS = Key.none("notify.webhook.secret-headers", Map.of(),
            headers -> headers.entrySet().stream().map(header -> headerNameProblem(header.getKey())
                    .or(() -> Checks.variable("STANDBY_NOTIFY_AUTH").problem(header.getValue()))).flatMap(Optional::stream).findFirst());
    static final Key<String> NOTIFY_SLACK_URL_ENV = Key.required("notify.slack.url-env", Checks.variable("STANDBY_SLACK_WEBHOOK"));
    static final Key<String> NOTIFY_DINGTALK_URL_ENV = Key.required("notify.dingtalk.url-env",
            Checks.variable("STANDBY_DINGTALK_WEBHOOK"));
    static final Key<String> NOTIFY_DINGTALK_SECRET_ENV = Key.derived("notify.dingtalk.secret-env", "none",
            Checks.variable("STANDBY_DINGTALK_SECRET"));
    static final Key<String> NOTIFY_WECOM_URL_ENV = Key.required("notify.wecom.url-env", Checks.variable("STANDBY_WECOM_WEBHOOK"));

    static final Key<Duration> HOOKS_TIMEOUT = Key.duration("hooks.timeout", "5m", Checks.positive());
    static final Key<List<List<String>>> HOOKS_AFTER_INSTALL = hook("hooks.after-install");
    static final Key<List<List<String>>> HOOKS_BEFORE_SWITCH = hook("hooks.before-switch");
    static final Key<List<List<String>>> HOOKS_AFTER_SWITCH = hook("hooks.after-switch");
    static final Key<List<List<String>>> HOOKS_AFTER_FAILURE = hook("hooks.after-failure");

    static final Key<List<Path>> SHARED_FILES = Key.none("shared.files", List.of(), ConfigKeys::sharedPathsProblem);
    static final Key<List<Path>> SHARED_DIRS = Key.none("shared.dirs", List.of(), ConfigKeys::sharedPathsProblem);

    // One server of ZooKeeper's connect string, and the chroot that may follow the last: names of letters, digits,
    // '_', '.' and '-' under '/', without a trailing '/' (ZooKeeper's client refuses one).
    private static final Pattern ZOOKEEPER_SERVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*:([0-9]{1,5})");
    private static final Pattern ZOOKEEPER_CHROOT = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
    // One element of a ZooKeeper path each: the fleet's root and this agent's node under it.
    private static final Pattern FLEET_NODE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
    private static final Pattern CANARY = Pattern.compile("[1-9][0-9]{0,5}|([1-9][0-9]?|100)%");

    static final Key<String> FLEET_ZOOKEEPER = Key.required("fleet.zookeeper", ConfigKeys::ensembleProblem);
    static final Key<String> FLEET_NAME = Key.derived("fleet.name", "`app`", Checks.matching(FLEET_NODE,
            "must be lower-case letters, digits, '.' and '-' (at most 63), such as shop: the fleet's nodes live under /standby/<name>"));
    static final Key<String> FLEET_HOST = Key.derived("fleet.host", "the machine's host name", name ->
            FLEET_NODE.matcher(name).matches() && !name.contains("..") ? Optional.empty()
                    : Optional.of("'" + name + "' cannot name this agent in the fleet: give lower-case letters, digits,"
                    + " '.' and '-' (at most 63), such as web-3 (set fleet.host when the machine's own name does not fit)"));
    static final Key<Integer> FLEET_BATCH_SIZE = Key.plain("fleet.batch-size", 1, Checks.atLeast(1, "(hosts told a new commit at once)"));
    static final Key<String> FLEET_CANARY = Key.plain("fleet.canary", "1", Checks.matching(CANARY,
            "must be a number of hosts (1 or more, such as 1) or a share of the fleet (1% to 100%, such as 10%)"));
    static final Key<Duration> FLEET_CANARY_SOAK = Key.duration("fleet.canary-soak", "5m", Key.Check.none());
    static final Key<Boolean> FLEET_AWAIT_PROMOTION = Key.plain("fleet.await-promotion", false, Key.Check.none());
    static final Key<Duration> FLEET_HOST_DEADLINE = Key.duration("fleet.host-deadline", "10m", Checks.positive());
    static final Key<Duration> FLEET_SESSION_TIMEOUT = Key.duration("fleet.session-timeout", "15s", Checks.positive());
    static final Key<Duration> FLEET_CONNECTION_TIMEOUT = Key.duration("fleet.connection-timeout", "5s", Checks.positive());

    /** All of them, in the README's order. */
    static List<Key<?>> all() {
        return List.of(APP, REPOSITORY_URL, REPOSITORY_BRANCH, REPOSITORY_USERNAME, REPOSITORY_SECRET_ENV,
                REPOSITORY_TIMEOUT, POLL_INTERVAL, MAX_BACKOFF, STATE_DIR, RELEASES_DIR, KEEP_RELEASES, ADOPT_DIRECTORY,
                INSTALL_COMMAND, INSTALL_TIMEOUT, INSTALL_REUSE_VENDOR, SERVICE_PHP, SERVICE_ENTRY, SERVICE_MODE,
                SERVICE_START_TIMEOUT, SERVICE_STOP_TIMEOUT, SERVICE_RUNTIME, SUPERVISORCTL, SUPERVISORD_CONFIG,
                SUPERVISORD_PROGRAM, SUPERVISORD_TIMEOUT, SLOTS_BLUE, SLOTS_GREEN, HEALTH_PATH, HEALTH_EXPECT_STATUS,
                HEALTH_TIMEOUT, HEALTH_ATTEMPTS, HEALTH_INTERVAL, HEALTH_PROXY_URL, DRAIN_MINIMUM, DRAIN_TIMEOUT,
                WATCH_WINDOW, WATCH_INTERVAL, ROUTER_KIND, NGINX_MODE, NGINX_CONFIG_FILE, NGINX_UPSTREAM, NGINX_FLAG_FILE,
                NGINX_PID_FILE, NGINX_HOST, NGINX_TEST_COMMAND, NGINX_RELOAD_COMMAND, NGINX_DUMP_COMMAND,
                NGINX_COMMAND_TIMEOUT, NGINX_RELOAD_TIMEOUT, HAPROXY_SOCKET, HAPROXY_BACKEND, HAPROXY_CONFIG_FILE,
                HAPROXY_BLUE_SERVER, HAPROXY_GREEN_SERVER, HAPROXY_BINARY, HAPROXY_TIMEOUT, HAPROXY_SWITCH_TIMEOUT,
                HEALTH_REQUIRE_REVISION, LISTEN_ADDRESS, LISTEN_PORT, LISTEN_BODY_LIMIT, WEBHOOK_FORGE, WEBHOOK_SECRET_ENV,
                WEBHOOK_MAX_CLOCK_SKEW, NOTIFY_ATTEMPTS, NOTIFY_BACKOFF, NOTIFY_MAX_BACKOFF, NOTIFY_QUEUE,
                NOTIFY_CLOSE_TIMEOUT, NOTIFY_CONNECT_TIMEOUT, NOTIFY_TIMEOUT, NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_URL_ENV,
                NOTIFY_WEBHOOK_HEADERS, NOTIFY_WEBHOOK_SECRET_HEADERS, NOTIFY_SLACK_URL_ENV, NOTIFY_DINGTALK_URL_ENV,
                NOTIFY_DINGTALK_SECRET_ENV, NOTIFY_WECOM_URL_ENV, HOOKS_TIMEOUT, HOOKS_AFTER_INSTALL, HOOKS_BEFORE_SWITCH,
                HOOKS_AFTER_SWITCH, HOOKS_AFTER_FAILURE, SHARED_FILES, SHARED_DIRS,
                FLEET_ZOOKEEPER, FLEET_NAME, FLEET_HOST, FLEET_BATCH_SIZE, FLEET_CANARY, FLEET_CANARY_SOAK,
                FLEET_AWAIT_PROMOTION, FLEET_HOST_DEADLINE, FLEET_SESSION_TIMEOUT, FLEET_CONNECTION_TIMEOUT);
    }

    /**
     * The health probe asks the proxy over plain http (its client would check an https proxy's certificate against
     * the JVM's trust store and its host name, which a proxy on 127.0.0.1 does not pass), so only http is taken.
     */
    private static Optional<String> proxyUrlProblem(String url) {
        if (url.startsWith("https://")) {
            return Optional.of("'" + url + "' is https, which the health probe does not speak: give the proxy's plain-http"
                    + " address, such as http://127.0.0.1:80 (add a plain-http listen on 127.0.0.1 if it has none)");
        }
        Optional<String> notBase = Optional.of("'" + url + "' must be the proxy's base address over http, such as http://127.0.0.1:80");
        if (!url.matches("http://[^/\\s?#@]+/?")) {
            return notBase;
        }
        try {
            return new URI(url).getHost() == null ? notBase : Optional.empty();
        } catch (URISyntaxException e) {
            return notBase;
        }
    }

    /**
     * The listener runs in the agent, which runs as its own user (the README's units say deploy): a port below 1024
     * would fail to bind at start, after the agent had reconciled. The forge reaches it through a proxy anyway.
     */
    private static Optional<String> unprivilegedPortProblem(int port) {
        return port < 1024
                ? Optional.of("is " + port + ", a privileged port that only root may listen on, and the agent runs as its"
                + " own user: give a port from 1024, such as 9090, and let nginx expose it (README, \"Exposing the hook\")")
                : Optional.empty();
    }

    /**
     * ZooKeeper's connect string as its client takes it: {@code host:port} pairs separated by commas, then optionally a
     * chroot under which the fleet's nodes live. Anything else would be taken apart by the client only at start, into
     * an address that answers nothing.
     */
    private static Optional<String> ensembleProblem(String connect) {
        String shape = "'" + connect + "' must be the ZooKeeper ensemble as host:port pairs separated by commas, optionally"
                + " followed by a chroot, such as zk1:2181,zk2:2181,zk3:2181 or zk1:2181,zk2:2181/apps";
        int slash = connect.indexOf('/');
        String servers = slash < 0 ? connect : connect.substring(0, slash);
        if (servers.isEmpty() || servers.endsWith(",")) {
            return Optional.of(shape);
        }
        for (String server : servers.split(",")) {
            Matcher matched = ZOOKEEPER_SERVER.matcher(server);
            if (!matched.matches()) {
                return Optional.of(shape);
            }
            int port = Integer.parseInt(matched.group(1));
            if (port < 1 || port > 65535) {
                return Optional.of("'" + connect + "' gives " + server + " the port " + port + ", which is out of range:"
                        + " give ZooKeeper's client port, between 1 and 65535 (2181 unless its zoo.cfg says otherwise)");
            }
        }
        if (slash >= 0) {
            String chroot = connect.substring(slash);
            if (!ZOOKEEPER_CHROOT.matcher(chroot).matches() || chroot.matches(".*/\\.{1,2}(/.*)?")) {
                return Optional.of("'" + connect + "' ends in the chroot '" + chroot + "', which is not a ZooKeeper path:"
                        + " give '/' and names of letters, digits, '_', '.' and '-' separated by '/', without a trailing"
                        + " '/' and without '.' or '..', such as zk1:2181/apps");
            }
        }
        return Optional.empty();
    }

    /** A hook's commands, each an argument list: YAML's list of lists, never a shell string. */
    private static Key<List<List<String>>> hook(String name) {
        return Key.none(name, List.of(), commands -> commands.stream()
                .map(command -> Checks.command("[php, bin/migrate.php]").problem(command)).flatMap(Optional::stream)
                .findFirst());
    }

    /**
     * A URL a notice is posted to: absolute, http or https, with a host. For a URL read from a variable, see
     * {@link Variables}; the value is never quoted, since Slack's path, DingTalk's access_token and WeCom's key let
     * anyone who holds them post.
     */
    static Optional<String> notifyUrlProblem(String url) {
        Optional<String> problem = Optional.of("is not an absolute http or https URL with a host, such as"
                + " https://hooks.slack.com/services/... (the value is not shown: it may hold a token)");
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.empty() : problem;
        } catch (URISyntaxException e) {
            return problem;
        }
    }

    /** An HTTP header name the JDK's client lets Standby set; the body's type and framing are Standby's own. */
    private static Optional<String> headerNameProblem(String name) {
        if (!HEADER_NAME.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not an HTTP header name: use letters, digits and '-', such as X-Team");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("'" + name + "' is set by Standby itself: leave it out");
        }
        return Optional.empty();
    }

    /** A header's value, never quoted (it may be a token): one line. */
    static Optional<String> headerValueProblem(String name, String value) {
        return value.isEmpty() || value.chars().anyMatch(c -> c == '\r' || c == '\n')
                ? Optional.of("gives the header '" + name + "' an empty value or one with a line break: give it one line")
                : Optional.empty();
    }

    /** Shared paths are links inside the release directory: relative, without '..'. */
    private static Optional<String> sharedPathsProblem(List<Path> paths) {
        for (Path path : paths) {
            boolean escapes = false;
            for (Path part : path) {
                escapes |= part.toString().equals("..");
            }
            if (path.isAbsolute() || escapes || path.normalize().toString().isEmpty() || path.normalize().toString().equals(".")) {
                return Optional.of("'" + path + "' must be a path inside the release, relative to its root and without"
                        + " '..', such as .env or storage/uploads: what it names is kept under <state-dir>/shared/");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> haproxyNameProblem(String name) {
        return HaproxyNames.isName(name) ? Optional.empty()
                : Optional.of("'" + name + "' must be an HAProxy name: letters, digits, '_', '.', ':' and '-'");
    }
}
