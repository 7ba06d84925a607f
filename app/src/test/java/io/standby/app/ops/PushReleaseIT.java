package io.standby.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.standby.app.it.GitHubPush;
import io.standby.app.it.Sandbox;
import org.junit.jupiter.api.Test;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real agent with its listener, behind a real nginx: a push GitHub signs releases the pushed commit although the
 * next poll is ten minutes away, one with a bad signature releases nothing; {@code /metrics} counts the releases and
 * times their stages; {@code /status} is what {@code status --json} prints.
 */
class PushReleaseIT {

    private static final String SECRET = "It's a Secret to Everybody";
    // Only a push can explain a release within the test's minutes.
    private static final Sandbox.Timings TEN_MINUTE_POLLS = new Sandbox.Timings(Duration.ofMinutes(10),
            Duration.ofSeconds(1), Duration.ofMillis(500));

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int listenPort = Loopback.freePort();
    private Sandbox sandbox;
    private RunningAgent agent;

    @Test
    void aSignedPushIsReleasedAtOnceAForgedOneIsNotAndTheListenerTellsOfBoth() throws Exception {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_RELOAD).withHandDeployedV1().writeConfig(TEN_MINUTE_POLLS, """
                listen:
                  port: %d
                webhook:
                  forge: github
                  secret-env: STANDBY_WEBHOOK_SECRET
                """.formatted(listenPort));
        Sandbox.writeTo(sandbox.config, Sandbox.read(sandbox.config).replace("max-backoff: 2s", "max-backoff: 10m"));
        agent = scratch.own(RunningAgent.start(sandbox, Map.of("STANDBY_WEBHOOK_SECRET", SECRET)));
        agent.awaitLog("listening on http://127.0.0.1:" + listenPort + " (push hook at /hooks/github)", Duration.ofSeconds(60));
        await("the first poll, after which the next is ten minutes away").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300)).until(() -> sandbox.lastPoll().isAfter(Instant.EPOCH));

        sandbox.writeFile("VERSION", "2");
        String v2 = sandbox.commitAndPush("v2");
        HttpResponse<String> forged = push(v2, "not the secret");

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("X-Hub-Signature-256 does not match the body").doesNotContain(SECRET);
        await("nothing released after the forged push").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sandbox.inFlightJournal().isEmpty() && !servedSha().equals(v2));

        HttpResponse<String> signed = push(v2, SECRET);

        assertThat(signed.statusCode()).isEqualTo(202);
        assertThat(signed.body()).startsWith("accepted: a push to master");
        await("v2 live through nginx").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> servedSha().equals(v2) && sandbox.inFlightJournal().isEmpty());
        assertThat(agent.log()).contains("a push to master was announced by github: looking at the repository now");
        assertThat(sandbox.throughProxy("/env?name=STANDBY_WEBHOOK_SECRET")).as("the service never sees the hook's secret")
                .isEqualTo("200 unset");

        // A commit whose health check fails: released on its push too, and failed before the switch.
        sandbox.writeFile("HEALTH_500", "");
        sandbox.writeFile("VERSION", "3");
        String v3 = sandbox.commitAndPush("v3, sick");
        assertThat(push(v3, SECRET).statusCode()).isEqualTo(202);
        await("v3 failed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Scrape.of(listenPort).counter("standby_releases_total", Map.of("result", "failed")) == 1
                        && sandbox.inFlightJournal().isEmpty());
        assertThat(servedSha()).isEqualTo(v2);

        Scrape scrape = Scrape.of(listenPort);
        assertThat(scrape.counter("standby_releases_total", Map.of("result", "live"))).isEqualTo(1);
        assertThat(scrape.counter("standby_releases_total", Map.of("result", "failed"))).isEqualTo(1);
        assertThat(scrape.counter("standby_releases_total", Map.of("result", "rolled_back"))).isZero();
        assertThat(scrape.family("standby_stage_duration_seconds").getType()).isEqualTo(Metrics.MetricType.HISTOGRAM);
        assertThat(stage(scrape, "installing", "succeeded").getSampleCount()).as("v2 and v3 installed").isEqualTo(2);
        assertThat(stage(scrape, "switching", "succeeded").getSampleCount()).isEqualTo(1);
        Metrics.Histogram sick = stage(scrape, "checking_health", "failed");
        assertThat(sick.getSampleCount()).isEqualTo(1);
        assertThat(sick.getSampleSum()).as("40 attempts 250 ms apart").isGreaterThan(5);
        assertThat(scrape.counter("standby_proxy_switches_total", Map.of())).isEqualTo(1);
        assertThat(scrape.family("standby_live_release_info").getMetricList()).singleElement()
                .satisfies(live -> assertThat(Scrape.labels(live)).containsEntry("commit", v2));
        assertThat(scrape.family("standby_repository_consecutive_failures").getMetric(0).getGauge().getValue()).isZero();

        assertThat(sandbox.standbyJson("history").findValuesAsText("trigger")).as("both releases were started by their push")
                .containsOnly("PUSH", "START_UP").contains("PUSH");

        JsonNode served = new ObjectMapper().readTree(get("/status").body());
        assertThat(served).as("GET /status is what status --json prints").isEqualTo(sandbox.standbyJson("status"));
        assertThat(served.toString()).contains(v2, v3);
    }

    private HttpResponse<String> push(String sha, String secret) throws Exception {
        return GitHubPush.send(listenPort, sha, secret);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The commit that answers through nginx: the sample app's health names its release's REVISION. */
    private String servedSha() {
        String health = sandbox.throughProxy("/health");
        return health.startsWith("200 ok ") ? health.substring("200 ok ".length()) : "";
    }

    private static Metrics.Histogram stage(Scrape scrape, String stage, String outcome) {
        return scrape.series("standby_stage_duration_seconds", Map.of("stage", stage, "outcome", outcome))
                .orElseThrow(() -> new AssertionError("no " + stage + " " + outcome + " in the stage histogram"))
                .getHistogram();
    }
}
