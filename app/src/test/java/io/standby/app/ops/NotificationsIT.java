package io.standby.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.standby.app.it.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real agent tells Slack and a signed DingTalk robot (WireMock, answering as each service documents) of a release
 * that went live and one that failed, while a third notifier hangs on its first notice: the releases do not wait for it.
 */
class NotificationsIT {

    private static final String SLACK = "/services/T0001/B0001/XXXXXXXX";
    private static final String DINGTALK = "/robot/send";
    private static final String HANGING = "/hang";
    private static final String DINGTALK_SECRET = "SEC0123456789abcdef";
    // Far longer than the two releases take: whatever they do happens while this notifier still holds its notice.
    private static final Duration HANG = Duration.ofMinutes(3);

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private final WireMockServer services = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final ObjectMapper json = new ObjectMapper();
    private Sandbox sandbox;
    private RunningAgent agent;

    @BeforeEach
    void startTheServices() {
        services.start();
        // Slack's incoming webhooks answer 200 "ok"; DingTalk's robots 200 with errcode 0.
        services.stubFor(post(SLACK).willReturn(ok("ok").withHeader("Content-Type", "text/html")));
        services.stubFor(post(urlPathEqualTo(DINGTALK)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        services.stubFor(post(HANGING).willReturn(ok().withFixedDelay((int) HANG.toMillis())));
    }

    @AfterEach
    void stopTheServices() {
        services.stop();
    }

    @Test
    void slackAndASignedDingTalkHearOfALiveAndAFailedReleaseWhileAHangingNotifierDelaysNothing() {
        String base = "http://127.0.0.1:" + services.port();
        sandbox = new Sandbox(scratch, Sandbox.Router.HAPROXY).withHandDeployedV1().writeConfig(Sandbox.Timings.QUICK, """
                notify:
                  timeout: %ds
                  close-timeout: 1s
                  webhook:
                    url: %s%s
                  slack:
                    url-env: STANDBY_SLACK_WEBHOOK
                  dingtalk:
                    url-env: STANDBY_DINGTALK_WEBHOOK
                    secret-env: STANDBY_DINGTALK_SECRET
                """.formatted(HANG.toSeconds() + 60, base, HANGING));
        agent = scratch.own(RunningAgent.start(sandbox, Map.of(
                "STANDBY_SLACK_WEBHOOK", base + SLACK,
                "STANDBY_DINGTALK_WEBHOOK", base + DINGTALK + "?access_token=t0ken",
                "STANDBY_DINGTALK_SECRET", DINGTALK_SECRET)));
        await("the hanging notifier holds its first notice").atMost(Duration.ofSeconds(60))
                .until(() -> !requests(HANGING).isEmpty());
        Instant hangingSince = requests(HANGING).get(0).getLoggedDate().toInstant();

        sandbox.writeFile("VERSION", "2");
        String v2 = sandbox.commitAndPush("v2").substring(0, 7);
        await("v2 live").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> sandbox.throughProxy().startsWith("200 standby sample app version 2 "));
        sandbox.writeFile("HEALTH_500", "");
        sandbox.writeFile("VERSION", "3");
        String v3 = sandbox.commitAndPush("v3, sick").substring(0, 7);
        String live = "sample: " + v2 + " is live";
        String failed = "sample: " + v3 + " failed at checking health";
        await("both notices in Slack and DingTalk").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> slackTexts().stream().anyMatch(t -> t.contains(failed))
                        && dingTalkTitles().stream().anyMatch(t -> t.contains(failed)));

        assertThat(Duration.between(hangingSince, Instant.now())).as("all within the hanging notifier's first answer")
                .isLessThan(HANG);
        assertThat(requests(HANGING)).as("the hanging notifier is still on its first notice").hasSize(1);
        assertThat(sandbox.throughProxy()).startsWith("200 standby sample app version 2 ");
        assertThat(slackTexts()).filteredOn(t -> t.contains(live)).hasSize(1);
        assertThat(slackTexts()).filteredOn(t -> t.contains(failed)).singleElement()
                .satisfies(text -> assertThat(text).contains("HEALTH_500 is present"));
        assertThat(dingTalkTitles()).filteredOn(t -> t.contains(live)).hasSize(1);
        assertThat(dingTalkTitles()).filteredOn(t -> t.contains(failed)).hasSize(1);
        requests(DINGTALK).forEach(NotificationsIT::assertSignedAsDingTalkChecks);
    }

    /**
     * DingTalk's check of a signed robot's request: {@code sign} is Base64(HmacSHA256(secret, timestamp + "\n" +
     * secret)), URL-encoded, and {@code timestamp} within an hour of its clock.
     */
    private static void assertSignedAsDingTalkChecks(LoggedRequest request) {
        Map<String, String> query = query(request.getUrl());
        assertThat(query).containsEntry("access_token", "t0ken").containsKeys("timestamp", "sign");
        long timestamp = Long.parseLong(query.get("timestamp"));
        assertThat(Duration.between(Instant.ofEpochMilli(timestamp), Instant.now()).abs()).isLessThan(Duration.ofHours(1));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
            assertThat(query.get("sign")).isEqualTo(expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private List<String> slackTexts() {
        return requests(SLACK).stream().map(request -> body(request).path("text").asText()).toList();
    }

    private List<String> dingTalkTitles() {
        return requests(DINGTALK).stream().map(request -> body(request).path("markdown").path("title").asText()).toList();
    }

    private List<LoggedRequest> requests(String path) {
        return services.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private JsonNode body(LoggedRequest request) {
        try {
            return json.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
