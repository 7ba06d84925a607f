package io.standby.adapters.nginx;

import com.google.inject.Guice;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.domain.port.out.TrafficRouterContract;
import io.standby.testsupport.Backend;
import io.standby.os.ProcFs;
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
    private Path dir;
    private Backend blue;
    private Backend green;
    private Slots slots;
    private Nginx nginx;

    @BeforeEach
    void startBackendsAndConfigureNginx() throws IOException {
        scene = NginxScene.in(scratch);
        dir = scene.dir();
        blue = scene.blue();
        green = scene.green();
        slots = scene.slots();
        nginx = scene.nginx();
        nginx.writeConfig(UPSTREAM.formatted(blue.port()));
    }

    private List<NginxMaster.Worker> workers() {
        return scene.workers();
    }

    private NginxSettings settings() {
        NginxSettings reload = TestSettings.reload(slots, nginx.config(), "app", nginx.pidFile());
        return TestSettings.withTimeouts(TestSettings.withCommands(reload, nginx.command("-t"), nginx.command("-s", "reload"),
                nginx.command("-T")), Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    /** Nginx as a refused switch must leave it: its config to the byte, the same workers, traffic still on blue. */
    private void assertLeftAsItWas(byte[] config, List<NginxMaster.Worker> workers) throws IOException {
        assertThat(Files.readAllBytes(nginx.config())).isEqualTo(config);
        assertThat(workers()).isEqualTo(workers);
        assertThat(Http.servedBy(nginx.port())).isEqualTo(blue.port());
    }

    private static TrafficRouter routerFor(NginxSettings settings) {
        return Guice.createInjector(new NginxModule(settings)).getInstance(TrafficRouter.class);
    }

    @Test
    void aSwitchSendsNewRequestsToTheOtherSlot() {
        nginx.start();
        TrafficRouter router = routerFor(settings());
        assertThat(Http.servedBy(nginx.port())).isEqualTo(blue.port());
        assertThat(router.current()).contains(slots.blue());

        Outcome outcome = router.switchTo(slots.green());

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(IntStream.range(0, 20).map(i -> Http.servedBy(nginx.port()))).containsOnly(green.port());
        assertThat(router.current()).contains(slots.green());
        assertThat(nginx.config()).content().contains("server 127.0.0.1:" + green.port() + " max_fails=0;");
    }

    @Test
    void anAlreadyInvalidConfigIsRefusedWithoutWritingOrReloading() throws IOException {
        nginx.start();
        String broken = Files.readString(nginx.config()).replace("access_log off;", "access_log off;\n    bogus_directive on;");
        Files.writeString(nginx.config(), broken);
        byte[] before = Files.readAllBytes(nginx.config());
        List<NginxMaster.Worker> workers = workers();

        Outcome outcome = routerFor(settings()).switchTo(slots.green());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .contains("already invalid before Standby changes anything")
                .contains("unknown directive \"bogus_directive\"")
                .contains("Standby wrote nothing and did not reload"));
        assertLeftAsItWas(before, workers);
    }

    @Test
    void aRejectedEditIsRestoredByteForByteAndTrafficStaysPut() throws IOException {
        nginx.start();
        byte[] before = Files.readAllBytes(nginx.config());
        // nginx accepts any free port, so a check script stands in for a configuration nginx would reject.
        Path check = Files.writeString(dir.resolve("check.sh"), "if grep -q ':" + green.port() + " ' '" + nginx.config() + "'; then\n"
                + "  echo 'nginx: [emerg] simulated rejection of the green port' >&2; exit 1\nfi\n"
                + "exec " + String.join(" ", nginx.command("-t")) + "\n");
        NginxSettings settings = TestSettings.withCommands(settings(), List.of("sh", check.toString()),
                nginx.command("-s", "reload"), nginx.command("-T"));
        List<NginxMaster.Worker> workers = workers();

        Outcome outcome = routerFor(settings).switchTo(slots.green());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .contains("nginx rejects the configuration with upstream app sent to " + slots.green())
                .contains("simulated rejection of the green port")
                .contains("was restored byte for byte and nginx was not reloaded")
                .contains("Fix:"));
        assertLeftAsItWas(before, workers);
    }

    @Test
    void aFailedReloadCommandRestoresTheFile() throws IOException {
        nginx.start();
        byte[] before = Files.readAllBytes(nginx.config());
        NginxSettings settings = TestSettings.withCommands(settings(), nginx.command("-t"), List.of("false"), nginx.command("-T"));
        List<NginxMaster.Worker> workers = workers();

        Outcome outcome = routerFor(settings).switchTo(slots.green());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .startsWith("`false` failed").contains("restored byte for byte"));
        assertLeftAsItWas(before, workers);
    }

    @Test
    void nginxThatIsNotRunningIsAClearFailureAndNothingIsWritten() throws IOException {
        byte[] before = Files.readAllBytes(nginx.config());

        assertThatThrownBy(() -> routerFor(settings()).switchTo(slots.green())).isInstanceOf(ProxyUnavailableException.class)
                .hasMessage("nginx is not running (no pid file at " + nginx.pidFile() + "), so Standby cannot switch it to "
                        + slots.green() + ". Fix: start nginx, then deploy again; nothing was changed");
        assertThat(Files.readAllBytes(nginx.config())).isEqualTo(before);
    }

    @Test
    void theOldSlotDrainsOnceItsLastRequestEndsAndTheOldWorkersExit() throws Exception {
        nginx.start();
        TrafficRouter router = routerFor(settings());
        assertThat(Http.servedBy(nginx.port())).isEqualTo(blue.port());
        assertThat(router.isDrained(slots.blue())).as("nginx keeps its keep-alive connection to blue").isFalse();
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> Http.get(nginx.port(), "/slow"));
        await().atMost(Duration.ofSeconds(10)).until(() -> blue.slowRequestsInFlight() == 1);

        assertThat(router.switchTo(slots.green())).isEqualTo(Outcome.done());

        assertThat(Http.servedBy(nginx.port())).isEqualTo(green.port());
        assertThat(workers()).anyMatch(NginxMaster.Worker::shuttingDown);
        assertThat(router.isDrained(slots.blue())).as("an old worker still serves a request to blue").isFalse();
        blue.releaseSlowRequests();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(Integer.toString(blue.port()));
        await().atMost(Duration.ofSeconds(10)).until(() -> router.isDrained(slots.blue()));
        assertThat(workers()).noneMatch(NginxMaster.Worker::shuttingDown);
    }

    @Test
    void readsTheUpstreamFromAnIncludedFileAndReportsAMissingOne() throws IOException {
        Path include = Files.writeString(dir.resolve("app-upstream.conf"),
                "upstream app_include {\n    server localhost:" + green.port() + ";\n}\n", StandardCharsets.ISO_8859_1);
        NginxSettings settings = TestSettings.reload(slots, include, "app_include", nginx.pidFile());
        NginxSettings missing = TestSettings.reload(slots, dir.resolve("absent.conf"), "app", nginx.pidFile());

        assertThat(routerFor(settings).current()).contains(slots.green());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> routerFor(missing).current())
                .hasMessageContaining("the nginx config file " + dir.resolve("absent.conf") + " does not exist")
                .hasMessageContaining("Fix:");
    }

    @Nested
    class Contract implements TrafficRouterContract {

        private TrafficRouter router;

        @BeforeEach
        void startNginx() {
            nginx.start();
            router = routerFor(settings());
        }

        @Override
        public Routing routing() {
            return new Routing(router, slots);
        }

        /** nginx keeps running with its pid file moved away (a logrotate or a hand gone wrong), then put back. */
        @Override
        public Optional<AutoCloseable> outOfReach() {
            Path aside = dir.resolve("nginx.pid.aside");
            try {
                Files.move(nginx.pidFile(), aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return Optional.of(() -> Files.move(aside, nginx.pidFile(), StandardCopyOption.ATOMIC_MOVE));
        }
    }
}
