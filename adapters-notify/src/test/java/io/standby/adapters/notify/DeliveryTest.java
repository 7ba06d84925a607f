package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How notices reach a service that is slow, down, refusing or busy, without the release ever waiting. */
class DeliveryTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(80));
    private static final HttpTimeouts SHORT = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));

    // WireMock's own extension starts the stand-in before each test and stops it after the test's @AfterEach.
    @RegisterExtension
    final WireMockExtension service = WireMockExtension.newInstance()
            .options(options().bindAddress("127.0.0.1").dynamicPort()).build();
    private final CapturedLogs logs = new CapturedLogs(Courier.class);
    private Notifications notifications;

    @AfterEach
    void stop() {
        if (notifications != null) {
            notifications.close();
        }
        logs.close();
    }

    @Test
    void serverErrorIsRetriedAndTheNoticeDeliveredOnce() {
        service.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("upstream timeout")).willSetStateTo("recovered"));
        service.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("recovered").willReturn(ok()));
        notifications = notify(webhook("/hook", SHORT), FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));

        await().atMost(Duration.ofSeconds(10)).until(() -> !logs.matching("INFO", "notified: shop: 3f2a9c1 is live").isEmpty());
        assertThat(logs.matching("INFO", "attempt 1 of 3 failed: answered 500 'upstream timeout'; trying again in 20ms")).hasSize(1);
        notifications.close();
        service.verify(2, postRequestedFor(urlPathEqualTo("/hook")));
    }

    @Test
    void tooManyRequestsIsRetried() {
        service.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("free"));
        service.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs("free").willReturn(ok()));
        notifications = notify(webhook("/hook", SHORT), FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));
        notifications.close();

        service.verify(2, postRequestedFor(urlPathEqualTo("/hook")));
        assertThat(logs.matching("INFO", "notified")).hasSize(1);
    }

    @Test
    void badRequestIsNotRetriedAndItsAnswerIsLogged() {
        service.stubFor(post("/hook").willReturn(aResponse().withStatus(400).withBody("invalid_payload")));
        notifications = notify(webhook("/hook", SHORT), FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));
        notifications.close();

        service.verify(1, postRequestedFor(urlPathEqualTo("/hook")));
        assertThat(logs.matching("WARN", "refused the notice, not retried: answered 400 'invalid_payload'",
                "shop: 3f2a9c1 is live")).hasSize(1);
    }

    @Test
    void serviceThatHangsNeitherDelaysTheReleaseNorHoldsTheNoticePastItsTimeout() {
        service.stubFor(post("/hook").willReturn(ok().withFixedDelay(10_000)));
        RetryPolicy twice = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(20));
        notifications = notify(webhook("/hook", new HttpTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))), twice, 10);

        long before = System.nanoTime();
        notifications.ended(Entries.live(Entries.SHA));
        Duration ended = Duration.ofNanos(System.nanoTime() - before);

        // A sanity bound on our own clock: the call queues and returns, it does not wait the 10 s.
        assertThat(ended).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !logs.matching("WARN", "gave up after 2 attempt(s): no answer within 300ms", "3f2a9c1").isEmpty());
        service.verify(2, postRequestedFor(urlPathEqualTo("/hook")));
    }

    @Test
    void refusedConnectionIsRetriedThenGivenUpWithALog() {
        String closed = "http://127.0.0.1:" + closedPort() + "/hook";
        notifications = notify(new WebhookSettings(closed, Map.of(), SHORT), FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                !logs.matching("WARN", "webhook http://127.0.0.1:", "gave up after 3 attempt(s): could not connect: refused, or no route to the host").isEmpty());
        assertThat(logs.matching("INFO", "attempt 1 of 3 failed: could not connect", "trying again in 20ms")).hasSize(1);
        assertThat(logs.matching("INFO", "attempt 2 of 3 failed: could not connect", "trying again in 40ms")).hasSize(1);
        // The URL's path may hold a token: logs name the host and port only.
        assertThat(logs.lines()).noneMatch(line -> line.contains("/hook"));
    }

    @Test
    void dingTalkErrorInsideA200IsRefusedWithDingTalksOwnWords() {
        service.stubFor(post(urlPathEqualTo("/robot/send"))
                .willReturn(okJson("{\"errcode\":310000,\"errmsg\":\"sign not match, more: [https://ding-doc]\"}")));
        notifications = notify(new DingTalkSettings(url("/robot/send?access_token=t"), Optional.of("SECx"), SHORT), FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));
        notifications.close();

        service.verify(1, postRequestedFor(urlPathEqualTo("/robot/send")));
        assertThat(logs.matching("WARN", "dingtalk http://127.0.0.1:", "refused the notice, not retried",
                "DingTalk errcode 310000: sign not match")).hasSize(1);
    }

    @Test
    void dingTalkRateLimitIsWaitedOut() {
        service.stubFor(post(urlPathEqualTo("/robot/send")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}"))
                .willSetStateTo("free"));
        service.stubFor(post(urlPathEqualTo("/robot/send")).inScenario("limit").whenScenarioStateIs("free")
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        notifications = notify(new DingTalkSettings(url("/robot/send?access_token=t"), Optional.empty(), SHORT), FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));
        notifications.close();

        service.verify(2, postRequestedFor(urlPathEqualTo("/robot/send")));
        assertThat(logs.matching("INFO", "attempt 1 of 3 failed: DingTalk errcode 130101")).hasSize(1);
        assertThat(logs.matching("INFO", "notified")).hasSize(1);
    }

    @Test
    void weComFrequencyLimitIsRetriedAndABadKeyIsNot() {
        service.stubFor(post(urlPathEqualTo("/busy"))
                .willReturn(okJson("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")));
        service.stubFor(post(urlPathEqualTo("/bad"))
                .willReturn(okJson("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")));
        notifications = notify(List.of(new WeComSettings(url("/busy?key=a"), SHORT), new WeComSettings(url("/bad?key=b"), SHORT)),
                FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));
        notifications.close();

        service.verify(3, postRequestedFor(urlPathEqualTo("/busy")));
        service.verify(1, postRequestedFor(urlPathEqualTo("/bad")));
        assertThat(logs.matching("WARN", "gave up after 3 attempt(s): WeCom errcode 45009: api freq out of limit")).hasSize(1);
        assertThat(logs.matching("WARN", "refused the notice, not retried: WeCom errcode 93000: invalid webhook url")).hasSize(1);
    }

    @Test
    void slackAnsweringAnythingButOkIsRefused() {
        service.stubFor(post("/services/x").willReturn(ok("<html>captive portal</html>")));
        notifications = notify(new SlackSettings(url("/services/x"), SHORT), FAST, 10);

        notifications.ended(Entries.live(Entries.SHA));
        notifications.close();

        service.verify(1, postRequestedFor(urlPathEqualTo("/services/x")));
        assertThat(logs.matching("WARN", "slack http://127.0.0.1:", "answered 200 with '<html>captive portal</html>' instead of ok"))
                .hasSize(1);
    }

    @Test
    void fullQueueDropsTheOldestWaitingNoticeWithoutBlockingTheCaller() throws IOException {
        service.stubFor(post("/hook").willReturn(ok().withFixedDelay(500)));
        notifications = notify(webhook("/hook", SHORT), FAST, 2);
        notifications.ended(Entries.live(Entries.sha(1)));
        // The first notice is on its way (half a second's answer); the queue of two is empty behind it.
        await().atMost(Duration.ofSeconds(5)).until(() -> notifications.waiting() == 0);

        long before = System.nanoTime();
        notifications.ended(Entries.live(Entries.sha(2)));
        notifications.ended(Entries.live(Entries.sha(3)));
        notifications.ended(Entries.live(Entries.sha(4)));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

        assertThat(logs.matching("WARN", "2 notices wait behind a slow service, so the oldest is dropped: shop: 2222222 is live")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.matching("INFO", "notified").size() == 3);
        assertThat(receivedShas()).containsExactly(Entries.sha(1), Entries.sha(3), Entries.sha(4));
    }

    @Test
    void closeLetsWaitingNoticesGoOutFirst() {
        service.stubFor(post("/hook").willReturn(ok().withFixedDelay(100)));
        notifications = notify(webhook("/hook", SHORT), FAST, 10);
        for (int n = 1; n <= 5; n++) {
            notifications.ended(Entries.live(Entries.sha(n)));
        }

        notifications.close();

        assertThat(receivedShas()).containsExactly(
                Entries.sha(1), Entries.sha(2), Entries.sha(3), Entries.sha(4), Entries.sha(5));
        assertThat(logs.matching("INFO", "notified")).hasSize(5);
    }

    @Test
    void closeGivesUpOnAHangingServiceAtItsBound() {
        service.stubFor(post("/hook").willReturn(ok().withFixedDelay(10_000)));
        notifications = new Notifications(new NotifySettings("shop",
                List.of(new WebhookSettings(url("/hook"), Map.of(), new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)))),
                FAST, 10, Duration.ofMillis(300)), Clock.systemUTC());
        notifications.ended(Entries.live(Entries.sha(1)));
        notifications.ended(Entries.live(Entries.sha(2)));

        long before = System.nanoTime();
        notifications.close();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
        assertThat(logs.matching("WARN", "the agent is stopping; 1 waiting notice(s) abandoned")).hasSize(1);
    }

    @Test
    void noticesAfterCloseAreLoggedNotSent() {
        service.stubFor(post("/hook").willReturn(ok()));
        notifications = notify(webhook("/hook", SHORT), FAST, 10);
        notifications.close();

        notifications.ended(Entries.live(Entries.SHA));

        assertThat(logs.matching("WARN", "not sent, notifications are closed: shop: 3f2a9c1 is live")).hasSize(1);
        service.verify(0, postRequestedFor(urlPathEqualTo("/hook")));
    }

    private Notifications notify(NotifierSettings notifier, RetryPolicy retries, int capacity) {
        return notify(List.of(notifier), retries, capacity);
    }

    private Notifications notify(List<NotifierSettings> notifiers, RetryPolicy retries, int capacity) {
        return new Notifications(new NotifySettings("shop", notifiers, retries, capacity, Duration.ofSeconds(10)),
                Clock.systemUTC());
    }

    private WebhookSettings webhook(String path, HttpTimeouts timeouts) {
        return new WebhookSettings(url(path), Map.of(), timeouts);
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + service.getPort() + pathAndQuery;
    }

    private List<String> receivedShas() {
        ObjectMapper json = new ObjectMapper();
        return service.findAll(postRequestedFor(urlPathEqualTo("/hook"))).stream().map(request -> {
            try {
                return json.readTree(request.getBodyAsString()).path("commit").path("sha").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
