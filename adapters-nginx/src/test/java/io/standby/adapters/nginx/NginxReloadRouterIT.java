package io.standby.adapters.nginx;

import com.google.inject.Guice;
import io.standby.domain.model.Outcome;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.domain.port.out.TrafficRouterContract;
import io.standby.testsupport.Nginx;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Reload mode against a real nginx that proxies to two real backends on loopback. */
class NginxReloadRouterIT {

    private static final String UPSTREAM = """
                upstream app {
                    # the serving slot
                    server 127.0.0.1:%d max_fails=0;
                    keepalive 8;
                }
                server {
                    listen LISTEN;
                    location / {
                        proxy_pass http://app;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
            """;

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private NginxScene scene;

    @BeforeEach
    void startBackendsAndConfigureNginx() throws IOException {
        scene = NginxScene.in(scratch);
        scene.nginx().writeConfig(UPSTREAM.formatted(scene.blue().port()));
    }

    private NginxSettings settings() {
        NginxSettings reload = TestSettings.reload(scene.slots(), scene.nginx().config(), "app", scene.nginx().pidFile());
        return TestSettings.withTimeouts(scene.commanding(reload), Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    /**
     * Switching the running nginx to green with these settings fails, for a reason the test checks, and leaves nginx as
     * a refused switch must: its config to the byte, the same workers, traffic still on blue.
     */
    private void assertSwitchRefused(NginxSettings settings, Consumer<String> reason) throws IOException {
        byte[] before = Files.readAllBytes(scene.nginx().config());
        List<NginxMaster.Worker> workers = scene.workers();

        Outcome outcome = routerFor(settings).switchTo(scene.slots().green());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> reason.accept(f.reason()));
        assertThat(Files.readAllBytes(scene.nginx().config())).isEqualTo(before);
        assertThat(scene.workers()).isEqualTo(workers);
        assertThat(Http.servedBy(scene.nginx().port())).isEqualTo(scene.blue().port());
    }

    private static TrafficRouter routerFor(NginxSettings settings) {
        return Guice.createInjector(new NginxModule(settings)).getInstance(TrafficRouter.class);
    }

    private static NginxConfigCheck checkFor(NginxSettings settings) {
        return Guice.createInjector(new NginxModule(settings)).getInstance(NginxConfigCheck.class);
    }

    /** The same settings pointing at other files: what an operator's config gets wrong. */
    private NginxSettings settingsWith(Path configFile, Path pidFile) {
        NginxSettings s = settings();
        return new NginxSettings(s.mode(), s.slots(), s.host(), s.upstream(), configFile, pidFile, null,
                s.testCommand(), s.reloadCommand(), s.dumpCommand(), s.commandTimeout(), s.reloadTimeout());
    }

    @Test
    void theCheckFindsNothingWrongWithAWorkingSetUpAndNamesAStoppedNginx() {
        assertThat(checkFor(settings()).problems()).isEmpty();
        // (nginx -T, as the check ran it, leaves an empty pid file where there was none.)
        assertThat(checkFor(settings()).masterProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("nginx is not running (the pid file " + scene.nginx().pidFile() + " holds no process id)")
                .contains("set router.nginx.pid-file to the file its pid directive names"));

        scene.nginx().start();

        assertThat(checkFor(settings()).masterProblem()).isEmpty();
    }

    @Test
    void theCheckNamesAConfigFileThatTheCommandsDoNotReach() throws IOException {
        // The operator's upstream file, but nginx (as the commands run it) reads another configuration.
        Path elsewhere = Files.createDirectories(scene.dir().resolve("elsewhere")).resolve("nginx.conf");
        Files.copy(scene.nginx().config(), elsewhere);

        assertThat(checkFor(settingsWith(elsewhere, scene.nginx().pidFile())).problems()).singleElement().asString()
                .startsWith("router.nginx.config-file " + elsewhere + " is not a file of the configuration `")
                .contains("(" + scene.nginx().config() + ")")
                .contains("a switch would edit a file that `nginx -t` does not test and the reload does not load")
                .contains("give router.nginx.test-command, reload-command and dump-command the -p and -c options");
    }

    @Test
    void theCheckFindsTheConfigFileThroughASymbolicLinkAndNamesAPidFileNginxDoesNotWrite() throws IOException {
        Path link = Files.createSymbolicLink(scene.dir().resolve("linked.conf"), scene.nginx().config());
        Path wrongPid = scene.dir().resolve("run").resolve("nginx.pid");

        assertThat(checkFor(settingsWith(link, wrongPid)).problems()).singleElement().asString()
                .isEqualTo("nginx writes its pid to " + scene.nginx().pidFile() + " (the pid directive of its configuration),"
                        + " but router.nginx.pid-file is " + wrongPid + ": Standby would not find nginx's master. Fix: set"
                        + " router.nginx.pid-file: " + scene.nginx().pidFile());
    }

    @Test
    void aPidFileNamedThroughALinkedDirectoryIsNginxsOwn() throws IOException {
        // As /var/run is a link to /run: nginx's pid directive and the setting name one file two ways, and the file
        // itself is not there while nginx is stopped.
        Path linked = Files.createSymbolicLink(scratch.dir().resolve("run-link"), scene.nginx().pidFile().getParent());

        assertThat(checkFor(settingsWith(scene.nginx().config(), linked.resolve("nginx.pid"))).problems()).isEmpty();
    }

    @Test
    void aConfigurationNginxAcceptsButStandbyCannotParseDoesNotFailThePidCheck() throws IOException {
        // OpenResty's Lua blocks hold Lua, not directives; a dump command stands in for such an nginx.
        Path dump = Files.writeString(scene.dir().resolve("dump.sh"), "cat <<'DUMP'\n"
                + "# configuration file " + scene.nginx().config() + ":\n"
                + "pid /somewhere/else.pid;\nhttp { server { location / { content_by_lua_block { ngx.say(\"ok\") } } } }\n"
                + "DUMP\n");
        NginxSettings settings = TestSettings.withCommands(settings(), settings().testCommand(), settings().reloadCommand(),
                List.of("sh", dump.toString()));

        assertThat(checkFor(settings).problems()).isEmpty();
    }

    @Test
    void aSwitchSendsNewRequestsToTheOtherSlot() {
        scene.nginx().start();
        TrafficRouter router = routerFor(settings());
        assertThat(Http.servedBy(scene.nginx().port())).isEqualTo(scene.blue().port());
        assertThat(router.current()).contains(scene.slots().blue());

        Outcome outcome = router.switchTo(scene.slots().green());

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 20).map(i -> Http.servedBy(scene.nginx().port()))).containsOnly(scene.green().port());
        assertThat(router.current()).contains(scene.slots().green());
        assertThat(scene.nginx().config()).content().contains("server 127.0.0.1:" + scene.green().port() + " max_fails=0;");
    }

    @Test
    void anAlreadyInvalidConfigIsRefusedWithoutWritingOrReloading() throws IOException {
        scene.nginx().start();
        String broken = Files.readString(scene.nginx().config())
                .replace("access_log off;", "access_log off;\n    bogus_directive on;");
        Files.writeString(scene.nginx().config(), broken);

        assertSwitchRefused(settings(), reason -> assertThat(reason)
                .contains("already invalid before Standby changes anything")
                .contains("unknown directive \"bogus_directive\"")
                .contains("Standby wrote nothing and did not reload"));
    }

    @Test
    void aRejectedEditIsRestoredByteForByteAndTrafficStaysPut() throws IOException {
        scene.nginx().start();
        // nginx accepts any free port, so a check script stands in for a configuration nginx would reject.
        Path check = Files.writeString(scene.dir().resolve("check.sh"),
                "if grep -q ':" + scene.green().port() + " ' '" + scene.nginx().config() + "'; then\n"
                + "  echo 'nginx: [emerg] simulated rejection of the green port' >&2; exit 1\nfi\n"
                + "exec " + String.join(" ", scene.nginx().command("-t")) + "\n");
        NginxSettings settings = TestSettings.withCommands(settings(), List.of("sh", check.toString()),
                scene.nginx().command("-s", "reload"), scene.nginx().command("-T"));

        assertSwitchRefused(settings, reason -> assertThat(reason)
                .contains("nginx rejects the configuration with upstream app sent to " + scene.slots().green())
                .contains("simulated rejection of the green port")
                .contains("was restored byte for byte and nginx was not reloaded")
                .contains("Fix:"));
    }

    @Test
    void aFailedReloadCommandRestoresTheFile() throws IOException {
        scene.nginx().start();
        NginxSettings settings = TestSettings.withCommands(settings(), scene.nginx().command("-t"), List.of("false"),
                scene.nginx().command("-T"));

        assertSwitchRefused(settings, reason -> assertThat(reason).startsWith("`false` failed").contains("restored byte for byte"));
    }

    @Test
    void nginxThatIsNotRunningIsAClearFailureAndNothingIsWritten() throws IOException {
        byte[] before = Files.readAllBytes(scene.nginx().config());

        assertThatThrownBy(() -> routerFor(settings()).switchTo(scene.slots().green()))
                .isInstanceOf(ProxyUnavailableException.class)
                .hasMessage("nginx is not running (no pid file at " + scene.nginx().pidFile() + "), so Standby cannot switch it to "
                        + scene.slots().green() + ". Fix: start nginx (or, if it runs, set router.nginx.pid-file to the file its pid"
                        + " directive names), then deploy again; nothing was changed");
        assertThat(Files.readAllBytes(scene.nginx().config())).isEqualTo(before);
    }

    @Test
    void theOldSlotDrainsOnceItsLastRequestEndsAndTheOldWorkersExit() throws Exception {
        scene.nginx().start();
        TrafficRouter router = routerFor(settings());
        assertThat(Http.servedBy(scene.nginx().port())).isEqualTo(scene.blue().port());
        assertThat(router.isDrained(scene.slots().blue())).as("nginx keeps its keep-alive connection to blue").isFalse();
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> Http.get(scene.nginx().port(), "/slow"));
        await().atMost(Duration.ofSeconds(10)).until(() -> scene.blue().slowRequestsInFlight() == 1);

        assertThat(router.switchTo(scene.slots().green())).isEqualTo(Outcome.done());

        assertThat(Http.servedBy(scene.nginx().port())).isEqualTo(scene.green().port());
        assertThat(scene.workers()).anyMatch(NginxMaster.Worker::shuttingDown);
        assertThat(router.isDrained(scene.slots().blue())).as("an old worker still serves a request to blue").isFalse();
        scene.blue().releaseSlowRequests();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(Integer.toString(scene.blue().port()));
        await().atMost(Duration.ofSeconds(10)).until(() -> router.isDrained(scene.slots().blue()));
        assertThat(scene.workers()).noneMatch(NginxMaster.Worker::shuttingDown);
    }

    @Test
    void readsTheUpstreamFromAnIncludedFileAndReportsAMissingOne() throws IOException {
        Path include = Files.writeString(scene.dir().resolve("app-upstream.conf"),
                "upstream app_include {\n    server localhost:" + scene.green().port() + ";\n}\n", StandardCharsets.ISO_8859_1);
        NginxSettings settings = TestSettings.reload(scene.slots(), include, "app_include", scene.nginx().pidFile());
        NginxSettings missing = TestSettings.reload(scene.slots(), scene.dir().resolve("absent.conf"), "app",
                scene.nginx().pidFile());

        assertThat(routerFor(settings).current()).contains(scene.slots().green());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> routerFor(missing).current())
                .hasMessageContaining("the nginx config file " + scene.dir().resolve("absent.conf") + " does not exist")
                .hasMessageContaining("Fix:");
    }

    @Nested
    class Contract implements TrafficRouterContract {

        private TrafficRouter router;

        @BeforeEach
        void startNginx() {
            scene.nginx().start();
            router = routerFor(settings());
        }

        @Override
        public Routing routing() {
            return new Routing(router, scene.slots());
        }

        /** nginx keeps running with its pid file moved away (a logrotate or a hand gone wrong), then put back. */
        @Override
        public Optional<AutoCloseable> outOfReach() {
            Path aside = scene.dir().resolve("nginx.pid.aside");
            try {
                Files.move(scene.nginx().pidFile(), aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return Optional.of(() -> Files.move(aside, scene.nginx().pidFile(), StandardCopyOption.ATOMIC_MOVE));
        }
    }
}
