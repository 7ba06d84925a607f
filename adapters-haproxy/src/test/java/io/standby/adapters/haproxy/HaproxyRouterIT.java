package io.standby.adapters.haproxy;

import com.google.inject.Guice;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.domain.port.out.TrafficRouterContract;
import io.standby.process.ProcessRunner;
import io.standby.testsupport.Backend;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Haproxy;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The router against a real HAProxy 2.6 on loopback, with one JDK HTTP server per slot behind it. */
class HaproxyRouterIT {

    private static final String BACKEND = "app";

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Path dir;
    private Slots slots;
    private Backend blue;
    private Backend green;
    private int frontend;
    private Path socket;
    private Path config;
    private Haproxy haproxy;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void haproxyIsInstalled() {
        Haproxy.requireBinary();
    }

    @BeforeEach
    void startHaproxyInFrontOfBothSlots() throws IOException {
        dir = scratch.dir();
        blue = scratch.own(Backend.start());
        green = scratch.own(Backend.start());
        slots = Slots.of(blue.port(), green.port());
        frontend = Loopback.freePort();
        socket = dir.resolve("admin.sock");
        config = dir.resolve("haproxy.cfg");
        Files.writeString(config, renderedConfig("level admin"));
        haproxy = scratch.own(Haproxy.of(config, socket)).start();
    }

    @Nested
    class Contract implements TrafficRouterContract {

        private TrafficRouter router;

        @BeforeEach
        void wire() {
            router = wiredRouter();
        }

        @Override
        public Routing routing() {
            return new Routing(router, slots);
        }

        /** Stopped, then started again from its configuration file, as `systemctl restart haproxy` does. */
        @Override
        public Optional<AutoCloseable> outOfReach() {
            haproxy.stop();
            return Optional.of(haproxy::start);
        }
    }

    @Test
    void newRequestsFollowTheSwitchBothWays() throws Exception {
        TrafficRouter router = wiredRouter();
        assertThat(answers(5)).containsOnly(slots.blue().port());

        assertThat(router.switchTo(slots.green())).isEqualTo(Outcome.done());
        assertThat(answers(5)).containsOnly(slots.green().port());
        assertThat(router.current()).contains(slots.green());

        assertThat(router.switchTo(slots.blue())).isEqualTo(Outcome.done());
        assertThat(answers(5)).containsOnly(slots.blue().port());
        assertThat(router.current()).contains(slots.blue());
    }

    @Test
    void firstStartAdoptsTheSlotHaproxyRoutesToFromItsRuntimeState() {
        assertThat(wiredRouter().current()).contains(slots.blue());
    }

    @Test
    void aBothEnabledConfigHasNoSingleCurrentSlot() throws IOException {
        haproxy.stop();
        Files.writeString(config, renderedConfig("level admin").replace(" check disabled", " check"));
        haproxy.start();
        TrafficRouter router = wiredRouter();

        await().atMost(Duration.ofSeconds(5)).until(() -> router.current().isEmpty());
        assertThat(router.switchTo(slots.green())).isEqualTo(Outcome.done());
        assertThat(router.current()).contains(slots.green());
    }

    @Test
    void theOldSlotIsDrainedOnlyOnceItsLastRequestFinished() {
        TrafficRouter router = wiredRouter();
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(request("/slow"), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> blue.slowRequestsInFlight() == 1);

        assertThat(router.switchTo(slots.green())).isEqualTo(Outcome.done());
        assertThat(router.isDrained(slots.blue())).isFalse();
        assertThat(router.isDrained(slots.green())).as("the live slot").isFalse();

        blue.releaseSlowRequests();
        assertThat(slow.join().body()).as("the request in flight finishes on the old slot").isEqualTo(
                Integer.toString(slots.blue().port()));
        await().atMost(Duration.ofSeconds(5)).until(() -> router.isDrained(slots.blue()));
    }

    @Test
    void theSwitchIsWrittenToTheConfigAndSurvivesARestart() throws Exception {
        TrafficRouter router = wiredRouter();
        assertThat(router.switchTo(slots.green())).isEqualTo(Outcome.done());
        assertThat(Files.readString(config))
                .isEqualTo(renderedConfig("level admin")
                        .replace("127.0.0.1:" + slots.green().port() + " check disabled",
                                "127.0.0.1:" + slots.green().port() + " check")
                        .replace("127.0.0.1:" + slots.blue().port() + " check",
                                "127.0.0.1:" + slots.blue().port() + " check disabled"));

        haproxy.stop();
        haproxy.start();

        assertThat(wiredRouter().current()).contains(slots.green());
        assertThat(answers(5)).containsOnly(slots.green().port());
    }

    @Test
    void theSwitchSurvivesAReloadAndSwitchesOnAfterIt() throws Exception {
        TrafficRouter router = wiredRouter();
        assertThat(router.switchTo(slots.green())).isEqualTo(Outcome.done());

        haproxy.reload();

        assertThat(router.current()).contains(slots.green());
        assertThat(answers(5)).containsOnly(slots.green().port());
        assertThat(router.switchTo(slots.blue())).as("from `disabled` (maint) after the reload").isEqualTo(Outcome.done());
        assertThat(answers(5)).containsOnly(slots.blue().port());
    }

    @Test
    void aConfigHaproxyRejectsLeavesTheFileAndTheRoutingAsTheyWere() throws Exception {
        String before = Files.readString(config);
        TrafficRouter router = router(TestSettings.withBinary(settings(), "false"));

        Outcome outcome = router.switchTo(slots.green());

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).reason()).contains("`false -c` rejected", "unchanged", "fix:");
        assertThat(Files.readString(config)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        assertThat(router.current()).contains(slots.blue());
        assertThat(answers(3)).containsOnly(slots.blue().port());
    }

    @Test
    void aSlotHaproxyCannotReachIsNotSwitchedTo() throws Exception {
        green.close();
        TrafficRouter router = router(TestSettings.withSwitchTimeout(settings(), Duration.ofSeconds(2)));
        String before = Files.readString(config);

        Outcome outcome = router.switchTo(slots.green());

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).reason())
                .contains("did not see server app/green up", "requests stay on blue", "fix:");
        assertThat(router.current()).contains(slots.blue());
        assertThat(answers(3)).containsOnly(slots.blue().port());
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(servers().server("green").orElseThrow().adminWord()).as("back as it was").isEqualTo("maint");
    }

    @Test
    void aMissingSocketSaysHowToDeclareIt() {
        Path missing = dir.resolve("missing.sock");
        TrafficRouter router = router(new HaproxySettings(missing, BACKEND, TestSettings.SERVERS_NAMED_LIKE_SLOTS, config, "haproxy",
                Duration.ofSeconds(2), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> router.switchTo(slots.green())).isInstanceOf(ProxyUnavailableException.class)
                .hasMessageContaining(missing + " does not exist")
                .hasMessageContaining("stats socket " + missing + " mode 600 level admin");
        assertThatThrownBy(router::current).isInstanceOf(ProxyUnavailableException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aStoppedHaproxyIsReportedAsNotRunning() {
        haproxy.stop();
        TrafficRouter router = wiredRouter();

        assertThatThrownBy(() -> router.switchTo(slots.green())).isInstanceOf(ProxyUnavailableException.class)
                .hasMessageContaining("connection refused").hasMessageContaining("HAProxy is not running")
                .hasMessageContaining("fix: start HAProxy");
        assertThatThrownBy(router::current).isInstanceOf(ProxyUnavailableException.class);
        assertThatThrownBy(() -> router.isDrained(slots.blue())).isInstanceOf(ProxyUnavailableException.class);
    }

    @Test
    void anUnknownBackendIsNamed() {
        TrafficRouter router = router(new HaproxySettings(socket, "shop", TestSettings.SERVERS_NAMED_LIKE_SLOTS, config, "haproxy",
                Duration.ofSeconds(2), Duration.ofSeconds(2)));

        assertThat(failure(router.switchTo(slots.green()))).contains("HAProxy has no backend shop", "fix:");
        assertThatThrownBy(() -> router.isDrained(slots.blue())).isInstanceOf(ProxyUnavailableException.class)
                .hasMessageContaining("no backend shop");
    }

    @Test
    void anUnknownServerIsNamedWithItsSlot() {
        TrafficRouter router = router(TestSettings.withServers(settings(), Map.of("blue", "blue", "green", "app2")));

        assertThat(failure(router.switchTo(slots.green())))
                .contains("backend app has no server app2 for slot " + slots.green(), "fix: map the slot");
        assertThatThrownBy(router::current).hasMessageContaining("no server app2");
        assertThat(wiredRouter().current()).as("nothing changed").contains(slots.blue());
    }

    @Test
    void aSocketWithoutAdminLevelIsRefusedWithTheLineToFixIt() throws IOException {
        haproxy.stop();
        Files.writeString(config, renderedConfig("level user"));
        haproxy.start();
        TrafficRouter router = wiredRouter();

        assertThat(failure(router.switchTo(slots.green())))
                .contains("not at admin level", "Permission denied", "level admin");
        assertThat(router.current()).as("reading works at user level").contains(slots.blue());
    }

    @Test
    void keepAliveLoadAcrossTenSwitchesLosesNoRequest() throws Exception {
        TrafficRouter router = wiredRouter();
        Map<Integer, AtomicInteger> served = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> load(running, served, failures));
            }
            Slot target = slots.green();
            for (int i = 0; i < 10; i++) {
                Slot next = target;
                int before = count(served, next);
                assertThat(router.switchTo(next)).as("switch %d to %s", i + 1, next).isEqualTo(Outcome.done());
                // Paces ten switches over about three seconds, each proven by requests the new slot served.
                await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                        .until(() -> count(served, next) >= before + 20);
                target = slots.other(next);
            }
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        int total = count(served, slots.blue()) + count(served, slots.green());
        LoggerFactory.getLogger(HaproxyRouterIT.class).info("{} requests across 10 switches (blue {}, green {}), {} failed",
                total, count(served, slots.blue()), count(served, slots.green()), failures.size());
        assertThat(failures).isEmpty();
        assertThat(total).isGreaterThan(1000);
    }

    private void load(AtomicBoolean running, Map<Integer, AtomicInteger> served, ConcurrentLinkedQueue<String> failures) {
        while (running.get()) {
            try {
                HttpResponse<String> response = http.send(request("/"), HttpResponse.BodyHandlers.ofString());
                int port = Integer.parseInt(response.body());
                if (response.statusCode() != 200 || !List.of(slots.blue().port(), slots.green().port()).contains(port)) {
                    failures.add(response.statusCode() + " " + response.body());
                }
                served.computeIfAbsent(port, p -> new AtomicInteger()).incrementAndGet();
            } catch (IOException | NumberFormatException e) {
                failures.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int count(Map<Integer, AtomicInteger> served, Slot slot) {
        return served.getOrDefault(slot.port(), new AtomicInteger()).get();
    }

    private String renderedConfig(String level) {
        return new MinimalHaproxyConfig("127.0.0.1:" + frontend, socket, BACKEND, slots, slots.blue()).render()
                // Quicker health checks than the default 2 s keep the down-slot test short.
                .replace("    mode http\n", "    mode http\n    default-server inter 250ms\n")
                .replace("level admin", level);
    }

    private HaproxySettings settings() {
        return TestSettings.of(socket, BACKEND, config);
    }

    private TrafficRouter wiredRouter() {
        return Guice.createInjector(new HaproxyModule(settings()), binder -> binder.bind(Slots.class).toInstance(slots))
                .getInstance(TrafficRouter.class);
    }

    private TrafficRouter router(HaproxySettings settings) {
        return new HaproxyRouter(settings, slots, new ProcessRunner());
    }

    private ServersState servers() {
        return ServersState.parse(BACKEND, new RuntimeApi(socket, Duration.ofSeconds(2)).execute("show servers state " + BACKEND));
    }

    private static String failure(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed) outcome).reason();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private List<Integer> answers(int requests) {
        return IntStream.range(0, requests).mapToObj(i -> {
            try {
                return Integer.parseInt(http.send(request("/"), HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                throw new AssertionError("request through haproxy failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }).toList();
    }
}
