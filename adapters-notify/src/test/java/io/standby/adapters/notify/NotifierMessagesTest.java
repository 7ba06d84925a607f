package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each notifier's request, as the service receives it over real HTTP. */
class NotifierMessagesTest {

    private static final String DINGTALK_OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    private static final String WECOM_OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    // WireMock's own extension starts the stand-in before each test and stops it after the test's @AfterEach.
    @RegisterExtension
    final WireMockExtension service = WireMockExtension.newInstance()
            .options(options().bindAddress("127.0.0.1").dynamicPort()).build();
    private final ObjectMapper json = new ObjectMapper();
    private Notifications notifications;

    @AfterEach
    void stop() {
        if (notifications != null) {
            notifications.close();
        }
    }

    @Test
    void webhookReceivesTheNoticeAsDocumentedJsonWithItsExtraHeaders() throws Exception {
        service.stubFor(post("/hooks/standby").willReturn(ok()));
        notifications = notify(new WebhookSettings(url("/hooks/standby"), Map.of("Authorization", "Bearer t0ken"), TestSettings.TIMEOUTS));

        notifications.ended(Entries.switchedBack());

        LoggedRequest request = received("/hooks/standby");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t0ken");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = json.readTree(request.getBodyAsString());
        assertThat(body.path("event").asText()).isEqualTo("release.ended");
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("app").asText()).isEqualTo("shop");
        assertThat(body.path("text").asText()).isEqualTo("shop: 3f2a9c1 failed at verifying; traffic switched back");
        assertThat(body.path("outcome").asText()).isEqualTo("switched_back");
        assertThat(body.path("good").asBoolean()).isFalse();
        assertThat(body.path("trigger").asText()).isEqualTo("poll");
        assertThat(body.path("stage").asText()).isEqualTo("verifying");
        assertThat(body.path("reason").asText()).startsWith("health through the proxy answered 500");
        assertThat(body.path("commit").path("sha").asText()).isEqualTo(Entries.SHA);
        assertThat(body.path("commit").path("short").asText()).isEqualTo("3f2a9c1");
        assertThat(body.path("commit").path("author").asText()).isEqualTo("Alice Li <alice@example.com>");
        assertThat(body.path("commit").path("subject").asText()).isEqualTo("Fix cart totals");
        assertThat(body.path("release").asText()).isEqualTo("20250301100000-3f2a9c1");
        assertThat(body.path("slot").path("name").asText()).isEqualTo("green");
        assertThat(body.path("slot").path("port").asInt()).isEqualTo(9502);
        assertThat(body.path("startedAt").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(body.path("endedAt").asText()).isEqualTo("2025-03-01T10:00:42.310Z");
        assertThat(body.path("tookMs").asLong()).isEqualTo(42_310);
        assertThat(body.path("stages")).hasSize(4);
        assertThat(body.path("stages").get(3).path("stage").asText()).isEqualTo("checking_health");
        assertThat(body.path("stages").get(3).path("tookMs").asLong()).isEqualTo(900);
    }

    @Test
    void slackReceivesOneMrkdwnTextSayingAppCommitAuthorOutcomeReasonAndDurations() throws Exception {
        service.stubFor(post("/services/T1/B2/x").willReturn(ok("ok")));
        notifications = notify(new SlackSettings(url("/services/T1/B2/x"), TestSettings.TIMEOUTS));

        notifications.ended(Entries.switchedBack());

        JsonNode body = json.readTree(received("/services/T1/B2/x").getBodyAsString());
        assertThat(fieldNames(body)).containsExactly("text");
        assertThat(body.path("text").asText())
                .startsWith("\u274c *shop: 3f2a9c1 failed at verifying; traffic switched back*\n")
                .contains("*Commit:* 3f2a9c1 \"Fix cart totals\"")
                // Slack reads < and > as markup: they arrive as entities.
                .contains("*Author:* Alice Li &lt;alice@example.com&gt;")
                .contains("*Outcome:* switched back at verifying")
                .contains("*Trigger:* new commit on the branch")
                .contains("*Reason:* health through the proxy answered 500 'db down'")
                .contains("*Release:* 20250301100000-3f2a9c1 on green:9502")
                .contains("*Took:* 42.3s (fetching 1.2s, installing 20.1s, starting 3.0s, checking health 900ms)");
    }

    @Test
    void signedDingTalkRequestCarriesTheSignatureDingTalkComputesFromItsTimestamp() throws Exception {
        String secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
        service.stubFor(post(urlPathEqualTo("/robot/send")).willReturn(okJson(DINGTALK_OK)));
        notifications = notify(new DingTalkSettings(url("/robot/send?access_token=tok3n"), Optional.of(secret), TestSettings.TIMEOUTS));

        notifications.ended(Entries.live(Entries.SHA));

        LoggedRequest request = received("/robot/send");
        assertThat(request.queryParameter("access_token").firstValue()).isEqualTo("tok3n");
        String timestamp = request.queryParameter("timestamp").firstValue();
        assertThat(Instant.ofEpochMilli(Long.parseLong(timestamp))).isBetween(
                Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        String expected = Base64.getEncoder().encodeToString(hmacSha256(secret, timestamp + "\n" + secret));
        // The base64 holds '+', '/' and '=': on the wire they must be percent-encoded, as DingTalk decodes them.
        assertThat(request.getUrl()).contains("&sign=" + URLEncoder.encode(expected, StandardCharsets.UTF_8));
        assertThat(request.queryParameter("sign").firstValue()).isEqualTo(expected);
        JsonNode body = json.readTree(request.getBodyAsString());
        assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.path("markdown").path("title").asText()).isEqualTo("Standby: shop: 3f2a9c1 is live");
        assertThat(body.path("markdown").path("text").asText())
                .startsWith("#### \u2705 shop: 3f2a9c1 is live\n\n")
                .contains("- **Commit:** 3f2a9c1 \"Fix cart totals\"")
                .contains("- **Author:** Alice Li <alice@example.com>")
                .contains("- **Outcome:** live\n")
                .contains("- **Took:** 42.3s (fetching 1.2s");
    }

    @Test
    void unsignedDingTalkRobotGetsTheUrlAsGiven() {
        service.stubFor(post(urlPathEqualTo("/robot/send")).willReturn(okJson(DINGTALK_OK)));
        notifications = notify(new DingTalkSettings(url("/robot/send?access_token=tok3n"), Optional.empty(), TestSettings.TIMEOUTS));

        notifications.ended(Entries.live(Entries.SHA));

        assertThat(received("/robot/send").getUrl()).isEqualTo("/robot/send?access_token=tok3n");
    }

    @Test
    void weComReceivesMarkdownContentColouredByOutcome() throws Exception {
        service.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).withQueryParam("key", equalTo("k3y"))
                .willReturn(okJson(WECOM_OK)));
        notifications = notify(new WeComSettings(url("/cgi-bin/webhook/send?key=k3y"), TestSettings.TIMEOUTS));

        notifications.ended(Entries.switchedBack());

        JsonNode body = json.readTree(received("/cgi-bin/webhook/send").getBodyAsString());
        assertThat(fieldNames(body)).containsExactly("msgtype", "markdown");
        assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.path("markdown").path("content").asText())
                .startsWith("**<font color=\"warning\">\u274c shop: 3f2a9c1 failed at verifying; traffic switched back</font>**\n")
                .contains("> Author: Alice Li <alice@example.com>")
                .contains("> Outcome: switched back at verifying")
                .contains("> Reason: health through the proxy answered 500");
    }

    @Test
    void weComContentIsCutToTheBytesWeComAccepts() throws Exception {
        service.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).willReturn(okJson(WECOM_OK)));
        notifications = notify(new WeComSettings(url("/cgi-bin/webhook/send?key=k3y"), TestSettings.TIMEOUTS));
        String subject = "修复".repeat(1_000);
        Revision revision = new Revision(Entries.SHA, "李雷", subject, Instant.EPOCH);

        notifications.ended(Entries.entry(revision, Trigger.DEPLOY, Result.LIVE, Stage.LIVE, ""));

        String content = json.readTree(received("/cgi-bin/webhook/send").getBodyAsString()).path("markdown").path("content").asText();
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isBetween(4_000, WeComRobot.MAX_CONTENT_BYTES);
        assertThat(content).endsWith("…");
    }

    private Notifications notify(NotifierSettings notifier) {
        return new Notifications(TestSettings.notify(List.of(notifier)), Clock.systemUTC());
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + service.getPort() + pathAndQuery;
    }

    private LoggedRequest received(String path) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !service.findAll(postRequestedFor(urlPathEqualTo(path))).isEmpty());
        List<LoggedRequest> requests = service.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] hmacSha256(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
