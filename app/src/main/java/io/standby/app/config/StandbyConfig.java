package io.standby.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One application's configuration, as written in its YAML file. Every value is read through its key in
 * {@link ConfigKeys}, which gives it its default and its check, so that the rest of the agent never sees a missing or
 * unfit value; the checks that span keys are here.
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
        Router router,
        Listen listen,
        Webhook webhook,
        // notify() is Object's: the record's name for the section differs from the file's.
        @JsonProperty("notify") Notify notifications,
        Hooks hooks,
        Shared shared,
        Fleet fleet) {

    public StandbyConfig {
        app = ConfigKeys.APP.read(app);
        repository = Required.section("repository", repository);
        pollInterval = ConfigKeys.POLL_INTERVAL.read(pollInterval);
        maxBackoff = ConfigKeys.MAX_BACKOFF.read(maxBackoff);
        if (maxBackoff.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("max-backoff (" + Durations.human(maxBackoff) + ") is shorter than"
                    + " poll-interval (" + Durations.human(pollInterval) + "): the pause only grows from the interval while"
                    + " the repository fails, so raise max-backoff to the interval at least");
        }
        stateDir = ConfigKeys.STATE_DIR.read(stateDir);
        releasesDir = ConfigKeys.RELEASES_DIR.read(releasesDir);
        if (releasesDir == null) {
            releasesDir = stateDir.resolve("releases");
        }
        keepReleases = ConfigKeys.KEEP_RELEASES.read(keepReleases);
        adoptDirectory = ConfigKeys.ADOPT_DIRECTORY.read(adoptDirectory);
        install = Optional.ofNullable(install).orElseGet(() -> new Install(null, null, null));
        service = Optional.ofNullable(service).orElseGet(() -> new Service(null, null, null, null, null, null, null));
        slots = Required.section("slots", slots);
        health = Required.section("health", health);
        router = Required.section("router", router).forApp(app);
        drain = Optional.ofNullable(drain).orElseGet(() -> new Drain(null, null)).forRouter(router);
        watch = Optional.ofNullable(watch).orElseGet(() -> new Watch(null, null));
        listen = Optional.ofNullable(listen).orElseGet(() -> new Listen(null, null, null));
        if (webhook != null && listen.port() == null) {
            throw new IllegalArgumentException("webhook is set but listen.port is not: the forge posts its hook to the"
                    + " agent's listener, so add a listen section with a port, e.g. 'listen: {port: 9090}'");
        }
        if (listen.port() != null && (listen.port().equals(slots.blue()) || listen.port().equals(slots.green()))) {
            throw new IllegalArgumentException("listen.port " + listen.port() + " is also a slot's port (slots.blue "
                    + slots.blue() + ", slots.green " + slots.green() + "): the agent's listener and a release cannot"
                    + " both listen on it; give the listener a port of its own, such as 9090");
        }
        notifications = Optional.ofNullable(notifications).orElseGet(() -> new Notify(null, null, null, null, null, null, null, null,
                null, null, null));
        hooks = Optional.ofNullable(hooks).orElseGet(() -> new Hooks(null, null, null, null, null));
        shared = Optional.ofNullable(shared).orElseGet(() -> new Shared(null, null));
        fleet = fleet == null ? null : fleet.forApp(app);
    }

    public Optional<Path> adoptDirectoryIfSet() {
        return Optional.ofNullable(adoptDirectory);
    }

    /** The fleet this agent rolls out with; empty for a server on its own, which never talks to ZooKeeper. */
    public Optional<Fleet> fleetIfSet() {
        return Optional.ofNullable(fleet);
    }

    /** Where releases come from. The secret itself is never in the file: only the name of the variable holding it. */
    public record Repository(String url, String branch, String username, String secretEnv, Duration timeout) {
        public Repository {
            url = ConfigKeys.REPOSITORY_URL.read(url);
            branch = ConfigKeys.REPOSITORY_BRANCH.read(branch);
            username = ConfigKeys.REPOSITORY_USERNAME.read(username);
            secretEnv = ConfigKeys.REPOSITORY_SECRET_ENV.read(secretEnv);
            timeout = ConfigKeys.REPOSITORY_TIMEOUT.read(timeout);
            if (secretEnv != null && username == null) {
                throw new IllegalArgumentException("repository.secret-env is set but repository.username is not: give the"
                        + " account name (for a GitHub token any name works, e.g. 'git'; GitLab expects 'oauth2')");
            }
        }
    }

    /** How dependencies are installed in a release directory. */
    public record Install(List<String> command, Duration timeout, Boolean reuseVendor) {
        public Install {
            command = List.copyOf(ConfigKeys.INSTALL_COMMAND.read(command));
            timeout = ConfigKeys.INSTALL_TIMEOUT.read(timeout);
            reuseVendor = ConfigKeys.INSTALL_REUSE_VENDOR.read(reuseVendor);
        }
    }

    /** How the EasySwoole service is started and stopped: as a daemon of its own CLI, or as supervisord's programs. */
    public record Service(String php, String entry, String mode, Duration startTimeout, Duration stopTimeout,
                          RuntimeKind runtime, Supervisord supervisord) {
        public Service {
            runtime = ConfigKeys.SERVICE_RUNTIME.read(runtime);
            if (runtime == RuntimeKind.DAEMON && supervisord != null) {
                throw new IllegalArgumentException("service.supervisord is set but service.runtime is daemon: add"
                        + " 'runtime: supervisord' to the service section, or remove its supervisord section");
            }
            if (runtime == RuntimeKind.SUPERVISORD && supervisord == null) {
                supervisord = new Supervisord(null, null, null, null);
            }
            php = ConfigKeys.SERVICE_PHP.read(php);
            entry = ConfigKeys.SERVICE_ENTRY.read(entry);
            mode = ConfigKeys.SERVICE_MODE.read(mode);
            startTimeout = ConfigKeys.SERVICE_START_TIMEOUT.read(startTimeout);
            stopTimeout = ConfigKeys.SERVICE_STOP_TIMEOUT.read(stopTimeout);
        }
    }

    /** What runs each slot's instance: EasySwoole's CLI as a daemon ({@code -d}), or a supervisord program per slot. */
    public enum RuntimeKind { DAEMON, SUPERVISORD }

    /**
     * How to reach supervisord, and its program for each slot: {@code program} is a name in which {@code {slot}} stands
     * for blue or green and {@code {app}} for the application.
     */
    public record Supervisord(List<String> supervisorctl, Path config, String program, Duration timeout) {
        public Supervisord {
            supervisorctl = List.copyOf(ConfigKeys.SUPERVISORCTL.read(supervisorctl));
            config = ConfigKeys.SUPERVISORD_CONFIG.read(config);
            program = ConfigKeys.SUPERVISORD_PROGRAM.read(program);
            timeout = ConfigKeys.SUPERVISORD_TIMEOUT.read(timeout);
        }
    }

    /** The two ports a release alternates between. */
    public record Slots(Integer blue, Integer green) {
        public Slots {
            blue = ConfigKeys.SLOTS_BLUE.read(blue);
            green = ConfigKeys.SLOTS_GREEN.read(green);
            if (blue.equals(green)) {
                throw new IllegalArgumentException("slots.blue and slots.green are both " + blue
                        + ": give each slot its own port (for example 9501 and 9502)");
            }
        }
    }

    /** How a release proves it is fit to serve, on its own port and through the proxy. */
    public record Health(String path, Integer expectStatus, Duration timeout, Integer attempts, Duration interval,
                         String proxyUrl, Boolean requireRevision) {
        public Health {
            requireRevision = ConfigKeys.HEALTH_REQUIRE_REVISION.read(requireRevision);
            path = ConfigKeys.HEALTH_PATH.read(path);
            expectStatus = ConfigKeys.HEALTH_EXPECT_STATUS.read(expectStatus);
            timeout = ConfigKeys.HEALTH_TIMEOUT.read(timeout);
            attempts = ConfigKeys.HEALTH_ATTEMPTS.read(attempts);
            interval = ConfigKeys.HEALTH_INTERVAL.read(interval);
            proxyUrl = ConfigKeys.HEALTH_PROXY_URL.read(proxyUrl);
            proxyUrl = proxyUrl.endsWith("/") ? proxyUrl.substring(0, proxyUrl.length() - 1) : proxyUrl;
        }
    }

    /** How long the old release is kept up after the switch; the minimum is null only until the router is known. */
    public record Drain(Duration minimum, Duration timeout) {
        public Drain {
            minimum = ConfigKeys.DRAIN_MINIMUM.read(minimum);
            timeout = ConfigKeys.DRAIN_TIMEOUT.read(timeout);
            if (minimum != null && minimum.compareTo(timeout) > 0) {
                throw new IllegalArgumentException("drain.minimum (" + Durations.human(minimum) + ") cannot be longer than drain.timeout ("
                        + Durations.human(timeout) + "): raise the timeout or lower the minimum");
            }
        }

        /**
         * With the minimum the router needs when none is written: nginx's flag mode cannot see requests in flight, so
         * it waits a fixed time, never longer than the timeout; the others watch the connections themselves.
         */
        Drain forRouter(Router router) {
            if (minimum != null) {
                return this;
            }
            boolean blind = router.kind() == RouterKind.NGINX && router.nginx().mode() == NginxSwitch.FLAG;
            Duration needed = blind ? ConfigKeys.NGINX_FLAG_DRAIN_MINIMUM : Duration.ZERO;
            return new Drain(needed.compareTo(timeout) > 0 ? timeout : needed, timeout);
        }
    }

    /** How long the new release is watched through the proxy with the old one still warm. */
    public record Watch(Duration window, Duration interval) {
        public Watch {
            window = ConfigKeys.WATCH_WINDOW.read(window);
            interval = ConfigKeys.WATCH_INTERVAL.read(interval);
        }
    }

    /** Which proxy sends traffic to the slots. */
    public record Router(RouterKind kind, Nginx nginx, Haproxy haproxy) {
        public Router {
            kind = ConfigKeys.ROUTER_KIND.read(kind);
            if (kind == RouterKind.NGINX && nginx == null) {
                throw new IllegalArgumentException("router.kind is nginx but there is no router.nginx section: add config-file and upstream");
            }
            if (kind == RouterKind.HAPROXY && haproxy == null) {
                throw new IllegalArgumentException("router.kind is haproxy but there is no router.haproxy section: add socket and backend");
            }
        }

        /** With nginx's upstream named after the app when the flag mode's prefix is left out. */
        Router forApp(String app) {
            return nginx == null || nginx.upstream() != null ? this : new Router(kind, nginx.withUpstream(app.replace('-', '_')), haproxy);
        }
    }

    public enum RouterKind { NGINX, HAPROXY }

    public enum NginxSwitch { RELOAD, FLAG }

    /**
     * nginx: either an upstream block rewritten and reloaded ({@code upstream} names it), or two upstreams
     * {@code <upstream>_blue} and {@code <upstream>_green} chosen per request by a flag file ({@code upstream}
     * defaults to the app's name there, with '-' as '_').
     */
    public record Nginx(NginxSwitch mode, Path configFile, String upstream, Path flagFile, Path pidFile, String host, List<String> testCommand, List<String> reloadCommand,
                        List<String> dumpCommand, Duration commandTimeout, Duration reloadTimeout) {
        public Nginx {
            mode = ConfigKeys.NGINX_MODE.read(mode);
            host = ConfigKeys.NGINX_HOST.read(host);
            pidFile = ConfigKeys.NGINX_PID_FILE.read(pidFile);
            testCommand = List.copyOf(ConfigKeys.NGINX_TEST_COMMAND.read(testCommand));
            reloadCommand = List.copyOf(ConfigKeys.NGINX_RELOAD_COMMAND.read(reloadCommand));
            List<String> dumpedAsTested = dumpingAs(testCommand);
            dumpCommand = List.copyOf(Optional.ofNullable(ConfigKeys.NGINX_DUMP_COMMAND.read(dumpCommand)).orElse(dumpedAsTested));
            commandTimeout = ConfigKeys.NGINX_COMMAND_TIMEOUT.read(commandTimeout);
            reloadTimeout = ConfigKeys.NGINX_RELOAD_TIMEOUT.read(reloadTimeout);
            if (mode == NginxSwitch.RELOAD) {
                configFile = ConfigKeys.NGINX_CONFIG_FILE.require(configFile);
                upstream = ConfigKeys.NGINX_UPSTREAM.require(upstream);
                flagFile = ConfigKeys.NGINX_FLAG_FILE.read(flagFile);
            } else {
                configFile = ConfigKeys.NGINX_CONFIG_FILE.read(configFile);
                upstream = ConfigKeys.NGINX_UPSTREAM.read(upstream);
                flagFile = ConfigKeys.NGINX_FLAG_FILE.require(flagFile);
            }
        }

        /** nginx -T as the test command runs nginx -t: the same program, prefix, configuration and sudo, if any. */
        private static List<String> dumpingAs(List<String> testCommand) {
            return testCommand.contains("-t")
                    ? testCommand.stream().map(word -> word.equals("-t") ? "-T" : word).toList()
                    : List.of("nginx", "-T");
        }

        Nginx withUpstream(String name) {
            return new Nginx(mode, configFile, name, flagFile, pidFile, host, testCommand, reloadCommand, dumpCommand,
                    commandTimeout, reloadTimeout);
        }
    }

    /** HAProxy, switched through its runtime API. */
    public record Haproxy(Path socket, String backend, String blueServer, String greenServer, Path configFile,
                          String binary, Duration timeout, Duration switchTimeout) {
        public Haproxy {
            socket = ConfigKeys.HAPROXY_SOCKET.read(socket);
            backend = ConfigKeys.HAPROXY_BACKEND.read(backend);
            configFile = ConfigKeys.HAPROXY_CONFIG_FILE.read(configFile);
            blueServer = ConfigKeys.HAPROXY_BLUE_SERVER.read(blueServer);
            greenServer = ConfigKeys.HAPROXY_GREEN_SERVER.read(greenServer);
            binary = ConfigKeys.HAPROXY_BINARY.read(binary);
            timeout = ConfigKeys.HAPROXY_TIMEOUT.read(timeout);
            switchTimeout = ConfigKeys.HAPROXY_SWITCH_TIMEOUT.read(switchTimeout);
        }
    }

    /** The agent's HTTP listener for push hooks, metrics and status; there is none unless a port is given. */
    public record Listen(String address, Integer port, ByteSize bodyLimit) {
        public Listen {
            address = ConfigKeys.LISTEN_ADDRESS.read(address);
            port = ConfigKeys.LISTEN_PORT.read(port);
            bodyLimit = ConfigKeys.LISTEN_BODY_LIMIT.read(bodyLimit);
        }

        public Optional<Integer> portIfSet() {
            return Optional.ofNullable(port);
        }
    }

    /** The forge whose push hook wakes the poller; the secret itself is never in the file, only its variable's name. */
    public record Webhook(Forge forge, String secretEnv, Duration maxClockSkew) {
        public Webhook {
            forge = ConfigKeys.WEBHOOK_FORGE.read(forge);
            secretEnv = ConfigKeys.WEBHOOK_SECRET_ENV.read(secretEnv);
            maxClockSkew = ConfigKeys.WEBHOOK_MAX_CLOCK_SKEW.read(maxClockSkew);
        }
    }

    /** The forges whose push hooks Standby reads; Forgejo sends Gitea's. */
    public enum Forge { GITHUB, GITLAB, GITEA, GITEE }

    /**
     * Who hears how each release ended, and how hard Standby tries to tell them: at most one notifier of each kind,
     * each given by the name of the variable holding its URL (which holds its token).
     */
    public record Notify(Integer attempts, Duration backoff, Duration maxBackoff, Integer queue, Duration closeTimeout,
                         Duration connectTimeout, Duration timeout, NotifyWebhook webhook, Slack slack, DingTalk dingtalk,
                         WeCom wecom) {
        public Notify {
            attempts = ConfigKeys.NOTIFY_ATTEMPTS.read(attempts);
            backoff = ConfigKeys.NOTIFY_BACKOFF.read(backoff);
            maxBackoff = ConfigKeys.NOTIFY_MAX_BACKOFF.read(maxBackoff);
            queue = ConfigKeys.NOTIFY_QUEUE.read(queue);
            closeTimeout = ConfigKeys.NOTIFY_CLOSE_TIMEOUT.read(closeTimeout);
            connectTimeout = ConfigKeys.NOTIFY_CONNECT_TIMEOUT.read(connectTimeout);
            timeout = ConfigKeys.NOTIFY_TIMEOUT.read(timeout);
            if (maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("notify.max-backoff (" + Durations.human(maxBackoff) + ") is shorter than"
                        + " notify.backoff (" + Durations.human(backoff) + "): raise max-backoff or lower backoff");
            }
        }

        /** Whether any notifier is configured at all. */
        public boolean any() {
            return webhook != null || slack != null || dingtalk != null || wecom != null;
        }
    }

    /** A generic webhook that receives each notice as JSON: its URL written out, or the variable holding it. */
    public record NotifyWebhook(String url, String urlEnv, Map<String, String> headers, Map<String, String> secretHeaders) {
        public NotifyWebhook {
            url = ConfigKeys.NOTIFY_WEBHOOK_URL.read(url);
            urlEnv = ConfigKeys.NOTIFY_WEBHOOK_URL_ENV.read(urlEnv);
            headers = Map.copyOf(ConfigKeys.NOTIFY_WEBHOOK_HEADERS.read(headers));
            secretHeaders = Map.copyOf(ConfigKeys.NOTIFY_WEBHOOK_SECRET_HEADERS.read(secretHeaders));
            if ((url == null) == (urlEnv == null)) {
                throw new IllegalArgumentException("notify.webhook needs exactly one of url and url-env: give url when the"
                        + " address holds no token, else url-env with the name of the variable holding it");
            }
            for (String name : headers.keySet()) {
                if (secretHeaders.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                    throw new IllegalArgumentException("notify.webhook gives the header '" + name + "' in both headers and"
                            + " secret-headers: keep it in one of them");
                }
            }
        }
    }

    /** A Slack incoming webhook. */
    public record Slack(String urlEnv) {
        public Slack {
            urlEnv = ConfigKeys.NOTIFY_SLACK_URL_ENV.read(urlEnv);
        }
    }

    /** A DingTalk custom robot, signed (加签) when a secret is given. */
    public record DingTalk(String urlEnv, String secretEnv) {
        public DingTalk {
            urlEnv = ConfigKeys.NOTIFY_DINGTALK_URL_ENV.read(urlEnv);
            secretEnv = ConfigKeys.NOTIFY_DINGTALK_SECRET_ENV.read(secretEnv);
        }

        public Optional<String> secretEnvIfSet() {
            return Optional.ofNullable(secretEnv);
        }
    }

    /** A WeCom group robot. */
    public record WeCom(String urlEnv) {
        public WeCom {
            urlEnv = ConfigKeys.NOTIFY_WECOM_URL_ENV.read(urlEnv);
        }
    }

    /** The team's commands at fixed points of a release, each an argument list, and how long one may run. */
    public record Hooks(Duration timeout, List<List<String>> afterInstall, List<List<String>> beforeSwitch,
                        List<List<String>> afterSwitch, List<List<String>> afterFailure) {
        public Hooks {
            timeout = ConfigKeys.HOOKS_TIMEOUT.read(timeout);
            afterInstall = copy(ConfigKeys.HOOKS_AFTER_INSTALL.read(afterInstall));
            beforeSwitch = copy(ConfigKeys.HOOKS_BEFORE_SWITCH.read(beforeSwitch));
            afterSwitch = copy(ConfigKeys.HOOKS_AFTER_SWITCH.read(afterSwitch));
            afterFailure = copy(ConfigKeys.HOOKS_AFTER_FAILURE.read(afterFailure));
        }

        private static List<List<String>> copy(List<List<String>> commands) {
            return commands.stream().map(List::copyOf).toList();
        }
    }

    /** Files and directories kept under {@code <state-dir>/shared/} and linked into every release before install. */
    public record Shared(List<Path> files, List<Path> dirs) {
        public Shared {
            files = List.copyOf(ConfigKeys.SHARED_FILES.read(files));
            dirs = List.copyOf(ConfigKeys.SHARED_DIRS.read(dirs));
            for (Path file : files) {
                if (dirs.stream().anyMatch(dir -> dir.normalize().equals(file.normalize()))) {
                    throw new IllegalArgumentException("'" + file + "' is in both shared.files and shared.dirs: keep it"
                            + " in the one it is");
                }
            }
        }
    }

    /**
     * Several servers released together, coordinated through a ZooKeeper ensemble; {@code canary} is a number of hosts
     * ({@code 1}) or a share of the fleet ({@code 10%}). The name defaults to the app's, the host to the machine's.
     */
    public record Fleet(String zookeeper, String name, String host, Integer batchSize, String canary,
                        Duration canarySoak, Boolean awaitPromotion, Duration hostDeadline, Duration sessionTimeout,
                        Duration connectionTimeout) {
        public Fleet {
            zookeeper = ConfigKeys.FLEET_ZOOKEEPER.read(zookeeper);
            name = ConfigKeys.FLEET_NAME.read(name);
            host = ConfigKeys.FLEET_HOST.read(host);
            batchSize = ConfigKeys.FLEET_BATCH_SIZE.read(batchSize);
            canary = ConfigKeys.FLEET_CANARY.read(canary);
            canarySoak = ConfigKeys.FLEET_CANARY_SOAK.read(canarySoak);
            awaitPromotion = ConfigKeys.FLEET_AWAIT_PROMOTION.read(awaitPromotion);
            hostDeadline = ConfigKeys.FLEET_HOST_DEADLINE.read(hostDeadline);
            sessionTimeout = ConfigKeys.FLEET_SESSION_TIMEOUT.read(sessionTimeout);
            connectionTimeout = ConfigKeys.FLEET_CONNECTION_TIMEOUT.read(connectionTimeout);
            if (connectionTimeout.compareTo(sessionTimeout) > 0) {
                throw new IllegalArgumentException("fleet.connection-timeout (" + Durations.human(connectionTimeout)
                        + ") cannot be longer than fleet.session-timeout (" + Durations.human(sessionTimeout)
                        + "): a session would expire before one attempt to reach the ensemble gave up");
            }
        }

        /** With the app's name as the fleet's, and the machine's host name as this agent's, where they are left out. */
        Fleet forApp(String app) {
            if (name != null && host != null) {
                return this;
            }
            return new Fleet(zookeeper, name == null ? app : name, host == null ? MachineName.lowerCase() : host,
                    batchSize, canary, canarySoak, awaitPromotion, hostDeadline, sessionTimeout, connectionTimeout);
        }

        /** The canary as a share of the fleet, if it is written as one ({@code 10%}). */
        public Optional<Integer> canaryPercent() {
            return canary.endsWith("%") ? Optional.of(Integer.parseInt(canary.substring(0, canary.length() - 1)))
                    : Optional.empty();
        }

        /** The canary as a number of hosts, if it is written as one ({@code 1}). */
        public Optional<Integer> canaryHosts() {
            return canary.endsWith("%") ? Optional.empty() : Optional.of(Integer.parseInt(canary));
        }
    }

    /** Sections that must be given, with a message naming them. */
    static final class Required {
        private Required() {
        }

        static <T> T section(String key, T value) {
            if (value == null) {
                throw new IllegalArgumentException("the '" + key + "' section is missing: add it (see the README's configuration table)");
            }
            return value;
        }
    }
}
