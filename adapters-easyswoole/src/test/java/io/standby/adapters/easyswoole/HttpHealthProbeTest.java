package io.standby.adapters.easyswoole;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.HealthProbeContract;
import io.standby.os.Poll;
import io.standby.testsupport.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class HttpHealthProbeTest {

    private static final Revision REVISION = new Revision("0123456789abcdef0123456789abcdef01234567", "Ada", "v2",
            java.time.Instant.EPOCH);

    private final WireMockServer service = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeEach
    void startService() {
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop();
    }

    @Test
    void instanceAnsweringTheExpectedStatusIsHealthy() {
        service.stubFor(get("/health").willReturn(ok("ok")));

        assertThat(probe(3).checkInstance(slot(), REVISION)).isEqualTo(Outcome.done());
    }

    @Test
    void wrongStatusFailsNamingWhatWasSeen() {
        service.stubFor(get("/health").willReturn(aResponse().withStatus(500).withBody("database down")));

        Outcome outcome = probe(2).checkInstance(slot(), REVISION);

        assertThat(reason(outcome)).contains("answered 500 instead of 200", "database down", "2 attempt(s)",
                "127.0.0.1:" + service.port() + "/health");
        service.verify(2, getRequestedFor(urlEqualTo("/health")));
    }

    @Test
    void slowAnswerFailsAsATimeoutWithoutWaitingForIt() {
        service.stubFor(get("/health").willReturn(ok("ok").withFixedDelay(3_000)));
        HttpHealthProbe probe = new HttpHealthProbe(
                TestSettings.health(Duration.ofMillis(300), 1, Duration.ZERO), new Poll(Duration.ofMillis(10)));

        // Gives up at its timeout, long before the answer would come (a probe without a socket timeout waits for it).
        assertThat(CompletableFuture.supplyAsync(() -> probe.checkInstance(slot(), REVISION)))
                .succeedsWithin(Duration.ofMillis(1_500))
                .satisfies(outcome -> assertThat(reason(outcome)).contains("no answer within 300ms"));
    }

    @Test
    void answerDrippingInPastTheTimeoutFailsAsATimeout() {
        // Each chunk comes within a read's timeout; the request as a whole does not.
        service.stubFor(get("/health").willReturn(ok("ok and some more").withChunkedDribbleDelay(8, 2_000)));
        HttpHealthProbe probe = new HttpHealthProbe(
                TestSettings.health(Duration.ofMillis(600), 1, Duration.ZERO), new Poll(Duration.ofMillis(10)));

        assertThat(reason(probe.checkInstance(slot(), REVISION))).contains("no answer within 600ms");
    }

    @Test
    void eachRequestClosesItsConnection() throws IOException {
        // An idle kept-alive connection would hold on to an instance that the release is about to retire.
        try (ServerSocket instance = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> afterAnswer = CompletableFuture.supplyAsync(() -> answerOnceAndRead(instance));

            assertThat(probe(1).checkInstance(new Slot("blue", instance.getLocalPort()), REVISION)).isEqualTo(Outcome.done());
            assertThat(afterAnswer).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(-1);
        }
    }

    @Test
    void anInstanceThatDropsTheFirstConnectionAndHangsOnTheNextTimesOutAll() throws IOException {
        // What a Swoole master does while its workers crash at start-up: it accepts, the worker dies and the connection
        // closes unanswered; the JDK's HTTP client then quietly tries once more, on a connection of its own making.
        try (ServerSocket instance = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> dropThenHang(instance));
            HttpHealthProbe probe = new HttpHealthProbe(
                    TestSettings.health(Duration.ofMillis(500), 1, Duration.ZERO), new Poll(Duration.ofMillis(10)));

            // The retry's own socket gets the timeout too: the attempt ends within about three times it, not never.
            assertThat(CompletableFuture.supplyAsync(() -> probe.checkInstance(new Slot("blue", instance.getLocalPort()), REVISION)))
                    .succeedsWithin(Duration.ofSeconds(2)).isInstanceOf(Outcome.Failed.class);
        }
    }

    private static void dropThenHang(ServerSocket server) {
        try (Socket first = server.accept()) {
            first.getInputStream().read();
        } catch (IOException e) {
            return;
        }
        try (Socket second = server.accept()) {
            second.getInputStream().read(new byte[8192]);
            second.getInputStream().read(); // never answers: this read ends when the probe gives up and closes its end
        } catch (IOException e) {
            // closed by the test
        }
    }

    @Test
    void anAnswerWithoutABodyClosesItsConnectionToo() throws IOException {
        // The JDK caches a connection whose answer has no body before disconnect() could close it.
        try (ServerSocket instance = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> afterAnswer = CompletableFuture.supplyAsync(
                    () -> answerOnceAndRead(instance, "HTTP/1.1 204 No Content\r\n"));
            HttpHealthProbe probe = new HttpHealthProbe(new HealthSettings("/health", 204, Duration.ofSeconds(1), 1,
                    Duration.ZERO, "http://127.0.0.1:80", false), new Poll(Duration.ofMillis(10)));

            assertThat(probe.checkInstance(new Slot("blue", instance.getLocalPort()), REVISION)).isEqualTo(Outcome.done());
            // Within less than the JDK's 5 s keep-alive, after which a cached connection would be closed anyway.
            assertThat(afterAnswer).succeedsWithin(Duration.ofSeconds(2)).isEqualTo(-1);
        }
    }

    @Test
    void aBodyCutShortClosesItsConnectionToo() throws IOException {
        // A body not read to its end goes to the JDK's keep-alive cleaner, which caches the connection afterwards.
        try (ServerSocket instance = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> afterAnswer = CompletableFuture.supplyAsync(() -> answerOnceAndRead(instance,
                    "HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + "x".repeat(100_000)));

            assertThat(probe(1).checkInstance(new Slot("blue", instance.getLocalPort()), REVISION)).isEqualTo(Outcome.done());
            // Within less than the 5 s the JDK's cleaner waits for the rest of the body.
            assertThat(afterAnswer).succeedsWithin(Duration.ofSeconds(2)).isEqualTo(-1);
        }
    }

    private static int answerOnceAndRead(ServerSocket server) {
        return answerOnceAndRead(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    }

    /**
     * Answers one request as a keep-alive HTTP/1.1 server would (closing its end only when asked to, as nginx and
     * Swoole do), then reads on: -1 once the probe has closed its end too.
     */
    private static int answerOnceAndRead(ServerSocket server, String answer) {
        try (Socket client = server.accept()) {
            client.setSoTimeout(5_000);
            BufferedReader request = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            boolean closeAsked = false;
            for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                closeAsked |= line.equalsIgnoreCase("Connection: close");
            }
            int headEnd = answer.indexOf("\r\n") + 2;
            String reply = answer.substring(0, headEnd) + (closeAsked ? "Connection: close\r\n" : "Connection: keep-alive\r\n")
                    + answer.substring(headEnd) + (answer.contains("\r\n\r\n") ? "" : "\r\n");
            client.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            if (closeAsked) {
                client.shutdownOutput(); // its end closed, as asked; the read below then sees whether the probe's is
            }
            return client.getInputStream().read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void refusedConnectionSaysNothingListens() {
        int closed = Loopback.freePort();

        assertThat(reason(probe(1).checkInstance(new Slot("blue", closed), REVISION))).contains("refused", "nothing listens on 127.0.0.1:" + closed);
    }

    @Test
    void garbageInsteadOfHttpFailsSayingSo() {
        service.stubFor(get("/health").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        assertThat(reason(probe(1).checkInstance(slot(), REVISION))).contains("no valid HTTP answer");
    }

    @Test
    void connectionClosedWithoutAnAnswerFailsSayingSo() {
        service.stubFor(get("/health").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThat(reason(probe(1).checkInstance(slot(), REVISION))).contains("no valid HTTP answer");
    }

    @Test
    void instanceThatBecomesHealthyAfterFailedAttemptsIsHealthy() {
        service.stubFor(get("/health").inScenario("boot").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("warming"));
        service.stubFor(get("/health").inScenario("boot").whenScenarioStateIs("warming")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ready"));
        service.stubFor(get("/health").inScenario("boot").whenScenarioStateIs("ready").willReturn(ok("ok")));

        assertThat(probe(5).checkInstance(slot(), REVISION)).isEqualTo(Outcome.done());
        service.verify(3, getRequestedFor(urlEqualTo("/health")));
    }

    @Test
    void customPathAndExpectedStatusAreHonoured() {
        service.stubFor(get("/ready").willReturn(aResponse().withStatus(204)));
        HttpHealthProbe probe = new HttpHealthProbe(
                new HealthSettings("/ready", 204, Duration.ofSeconds(1), 1, Duration.ZERO, "http://127.0.0.1:80", false), new Poll(Duration.ofMillis(10)));

        assertThat(probe.checkInstance(slot(), REVISION)).isEqualTo(Outcome.done());
    }

    @Test
    void throughProxyAsksTheProxyUrl() {
        service.stubFor(get("/health").willReturn(ok("ok")));
        HttpHealthProbe probe = new HttpHealthProbe(new HealthSettings("/health", 200, Duration.ofSeconds(1), 1,
                Duration.ZERO, "http://127.0.0.1:" + service.port(), false), new Poll(Duration.ofMillis(10)));

        assertThat(probe.checkThroughProxy(REVISION)).isEqualTo(Outcome.done());
    }

    @Test
    void unhealthyThroughProxyFailsNamingTheProxy() {
        service.stubFor(get("/health").willReturn(aResponse().withStatus(502)));
        HttpHealthProbe probe = new HttpHealthProbe(new HealthSettings("/health", 200, Duration.ofSeconds(1), 1,
                Duration.ZERO, "http://127.0.0.1:" + service.port(), false), new Poll(Duration.ofMillis(10)));

        assertThat(reason(probe.checkThroughProxy(REVISION))).contains("through the proxy", "answered 502");
    }

    @Test
    void requiringTheRevisionTakesAnAnswerNamingTheExpectedCommit() {
        service.stubFor(get("/health").willReturn(ok("ok " + REVISION.sha() + "\n")));

        assertThat(revisionRequiring().checkInstance(slot(), REVISION)).isEqualTo(Outcome.done());
        assertThat(revisionRequiring().checkThroughProxy(REVISION)).isEqualTo(Outcome.done());
    }

    @Test
    void requiringTheRevisionRefusesAnOldProcessAnsweringOkAndSaysWhatAnswered() {
        String old = "fedcba9876543210fedcba9876543210fedcba98";
        service.stubFor(get("/health").willReturn(ok("ok " + old)));

        String reason = reason(revisionRequiring().checkInstance(slot(), REVISION));

        assertThat(reason).contains("answered 200 but its body 'ok " + old + "'", "does not name the commit " + REVISION.sha(),
                "health.require-revision", "2 attempt(s)");
        assertThat(reason(revisionRequiring().checkThroughProxy(REVISION))).contains("through the proxy", "ok " + old);
    }

    @Test
    void withoutRequiringTheRevisionAnyHealthyAnswerWillDo() {
        service.stubFor(get("/health").willReturn(ok("ok fedcba9876543210fedcba9876543210fedcba98")));

        assertThat(probe(3).checkInstance(slot(), REVISION)).isEqualTo(Outcome.done());
    }

    /** Two attempts on the instance; the proxy is the same stand-in service. */
    private HttpHealthProbe revisionRequiring() {
        return new HttpHealthProbe(new HealthSettings("/health", 200, Duration.ofSeconds(1), 2, Duration.ofMillis(20),
                "http://127.0.0.1:" + service.port(), true), new Poll(Duration.ofMillis(10)));
    }

    @Nested
    class Contract implements HealthProbeContract {

        private final WireMockServer sick = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

        @BeforeEach
        void runAHealthyAndASickInstance() {
            service.stubFor(get("/health").willReturn(ok("ok")));
            sick.start();
            sick.stubFor(get("/health").willReturn(aResponse().withStatus(503).withBody("warming up")));
        }

        @AfterEach
        void stopTheSickInstance() {
            sick.stop();
        }

        @Override
        public HealthProbe probe() {
            return HttpHealthProbeTest.this.probe(2);
        }

        @Override
        public Slot healthySlot() {
            return slot();
        }

        @Override
        public Revision expected() {
            return REVISION;
        }

        @Override
        public Slot unhealthySlot() {
            return new Slot("green", sick.port());
        }

        @Override
        public Slot deadSlot() {
            return new Slot("green", Loopback.freePort());
        }
    }

    private HttpHealthProbe probe(int attempts) {
        return new HttpHealthProbe(TestSettings.health(Duration.ofSeconds(1), attempts, Duration.ofMillis(20)),
                new Poll(Duration.ofMillis(10)));
    }

    private Slot slot() {
        return new Slot("blue", service.port());
    }

    static String reason(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed) outcome).reason();
    }
}
