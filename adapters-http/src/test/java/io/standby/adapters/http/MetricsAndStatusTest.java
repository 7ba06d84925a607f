package io.standby.adapters.http;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.standby.domain.fakes.World;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.service.Deployer;
import io.standby.domain.service.ReleasePipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} and {@code /status} over real HTTP. The metrics come from real releases: the domain's pipeline
 * with in-memory fakes, {@link ReleaseMetrics} as its timeline. The scrape is parsed with the Prometheus client's own
 * parser, which the client has only for its protobuf format (it writes the text formats but cannot read them).
 */
class MetricsAndStatusTest {

    // What Prometheus sends when it prefers the protobuf format (native histograms on).
    private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited;q=0.9,text/plain;version=0.0.4;q=0.1";

    private final World world = World.withLiveRelease();
    private final ReleaseMetrics metrics = new ReleaseMetrics(world.store);
    private final AtomicReference<String> status = new AtomicReference<>("{\"version\":1,\"live\":null}");
    private Listener listener;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        listener = new Listener(TestSettings.loopback(0), Optional.empty(), metrics, status::get);
        listener.start();
        http = new Http(listener.port());
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    /** The app's poller, with the metrics as the pipeline's timeline. */
    private Deployer deployer() {
        ReleasePipeline pipeline = new ReleasePipeline(world.source, world.installer, world.runtime, world.health,
                world.router, world.store, world.workspace, world.hooks, world.clock, metrics, world.policy);
        return new Deployer(world.source, world.store, pipeline, world.recovery(Optional.empty()), world.slots,
                world.router, world.clock, metrics, world.polling);
    }

    private Map<String, Metrics.MetricFamily> scrape() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.getBytes("/metrics", PROTOBUF);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/vnd.google.protobuf"));
        Map<String, Metrics.MetricFamily> families = new HashMap<>();
        InputStream in = new ByteArrayInputStream(response.body());
        Metrics.MetricFamily family;
        while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
            families.put(family.getName(), family);
        }
        return families;
    }

    private static Map<String, String> labels(Metrics.Metric metric) {
        return metric.getLabelList().stream().collect(Collectors.toMap(Metrics.LabelPair::getName, Metrics.LabelPair::getValue));
    }

    private static Metrics.Metric series(Metrics.MetricFamily family, Map<String, String> labels) {
        return family.getMetricList().stream().filter(m -> labels(m).equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + labels + " in " + family.getName()));
    }

    @Test
    void releasesStagesSwitchesAndTheJournalAreScraped() throws Exception {
        Revision v2 = world.source.push("v2");
        deployer().pollOnce();
        Revision v3 = world.source.push("v3");
        world.installer.failFor(v3, "composer install exited 2");
        deployer().pollOnce();
        Revision v4 = world.source.push("v4");
        world.health.sickBehindProxy(v4);
        deployer().pollOnce();
        world.source.unreachable("connection refused");
        deployer().pollOnce();
        deployer().pollOnce();

        Map<String, Metrics.MetricFamily> families = scrape();

        Metrics.MetricFamily releases = families.get("standby_releases_total");
        assertThat(releases.getType()).isEqualTo(Metrics.MetricType.COUNTER);
        assertThat(series(releases, Map.of("result", "live")).getCounter().getValue()).isEqualTo(1);
        assertThat(series(releases, Map.of("result", "failed")).getCounter().getValue()).isEqualTo(1);
        assertThat(series(releases, Map.of("result", "rolled_back")).getCounter().getValue()).isEqualTo(1);
        assertThat(series(releases, Map.of("result", "adopted")).getCounter().getValue()).isZero();
        assertThat(releases.getMetricCount()).isEqualTo(Result.values().length);

        Metrics.MetricFamily stages = families.get("standby_stage_duration_seconds");
        assertThat(stages.getType()).isEqualTo(Metrics.MetricType.HISTOGRAM);
        Metrics.Histogram watched = series(stages, Map.of("stage", "verifying", "outcome", "succeeded")).getHistogram();
        assertThat(watched.getSampleCount()).isEqualTo(1);
        assertThat(watched.getSampleSum()).isEqualTo(world.policy.watchWindow().toMillis() / 1000.0);
        assertThat(watched.getBucketList()).filteredOn(b -> b.getUpperBound() == 1.0)
                .singleElement().satisfies(b -> assertThat(b.getCumulativeCount()).isZero());
        assertThat(watched.getBucketList()).filteredOn(b -> b.getUpperBound() == 2.5)
                .singleElement().satisfies(b -> assertThat(b.getCumulativeCount()).isEqualTo(1));
        assertThat(series(stages, Map.of("stage", "installing", "outcome", "failed")).getHistogram().getSampleCount())
                .isEqualTo(1);
        assertThat(series(stages, Map.of("stage", "installing", "outcome", "succeeded")).getHistogram().getSampleCount())
                .isEqualTo(2);
        assertThat(series(stages, Map.of("stage", "verifying", "outcome", "failed")).getHistogram().getSampleCount())
                .isEqualTo(1);

        assertThat(families.get("standby_proxy_switches_total").getMetric(0).getCounter().getValue()).isEqualTo(2);
        assertThat(families.get("standby_proxy_switch_backs_total").getMetric(0).getCounter().getValue()).isEqualTo(1);

        LiveRelease live = world.store.live().orElseThrow();
        assertThat(live.release().revision()).isEqualTo(v2);
        Metrics.MetricFamily info = families.get("standby_live_release_info");
        assertThat(info.getMetricList()).singleElement().satisfies(metric -> {
            assertThat(labels(metric)).containsExactlyInAnyOrderEntriesOf(Map.of("commit", v2.sha(),
                    "slot", live.slot().name(), "release", live.release().id().value()));
            assertThat(metric.getGauge().getValue()).isEqualTo(1);
        });

        List<HistoryEntry> history = world.store.history();
        assertThat(families.get("standby_last_release_end_time_seconds").getMetric(0).getGauge().getValue())
                .isEqualTo(history.get(history.size() - 1).endedAt().toEpochMilli() / 1000.0);
        assertThat(families.get("standby_repository_consecutive_failures").getMetric(0).getGauge().getValue())
                .isEqualTo(2);
    }

    @Test
    void whatTheJournalKnowsIsScrapedBeforeAnyReleaseEndsInThisRun() throws Exception {
        // An agent restarted after releases: its counters start at zero, but the journal still knows what is live.
        world.source.push("v2");
        ReleasePipeline earlier = new ReleasePipeline(world.source, world.installer, world.runtime, world.health,
                world.router, world.store, world.workspace, world.hooks, world.clock, world.timeline, world.policy);
        new Deployer(world.source, world.store, earlier, world.recovery(Optional.empty()), world.slots, world.router,
                world.clock, world.timeline, world.polling).pollOnce();

        Map<String, Metrics.MetricFamily> families = scrape();

        assertThat(series(families.get("standby_releases_total"), Map.of("result", "live")).getCounter().getValue()).isZero();
        assertThat(labels(families.get("standby_live_release_info").getMetric(0)))
                .containsEntry("commit", world.store.live().orElseThrow().release().revision().sha());
        assertThat(families.get("standby_last_release_end_time_seconds").getMetric(0).getGauge().getValue())
                .isEqualTo(world.store.history().get(0).endedAt().toEpochMilli() / 1000.0);
        assertThat(families.get("standby_repository_consecutive_failures").getMetric(0).getGauge().getValue()).isZero();
    }

    @Test
    void prometheusTextIsServedByDefault() throws Exception {
        world.source.push("v2");
        deployer().pollOnce();

        HttpResponse<String> response = http.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body().lines()).contains(
                "# TYPE standby_releases_total counter",
                "standby_releases_total{result=\"live\"} 1.0",
                "# TYPE standby_stage_duration_seconds histogram",
                "standby_stage_duration_seconds_count{outcome=\"succeeded\",stage=\"switching\"} 1",
                "# TYPE standby_live_release_info gauge",
                "standby_proxy_switches_total 1.0");
    }

    @Test
    void openMetricsIsServedToAScraperThatAsksForIt() throws Exception {
        HttpResponse<byte[]> response = http.getBytes("/metrics", "application/openmetrics-text;version=1.0.0");

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("# TYPE standby_live_release info").endsWith("# EOF\n");
    }

    @Test
    void statusIsTheJsonTheAppGives() throws Exception {
        HttpResponse<String> first = http.get("/status");
        status.set("{\"version\":1,\"live\":{\"commit\":\"abc\"}}");
        HttpResponse<String> second = http.get("/status");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(first.body()).isEqualTo("{\"version\":1,\"live\":null}");
        assertThat(second.body()).isEqualTo("{\"version\":1,\"live\":{\"commit\":\"abc\"}}");
    }

    @Test
    void aStatusThatCannotBeMadeIsAnErrorNotAHang() throws Exception {
        listener.close();
        listener = new Listener(TestSettings.loopback(0), Optional.empty(), metrics, () -> {
            throw new IllegalStateException("the journal is unreadable");
        });
        listener.start();
        http = new Http(listener.port());

        HttpResponse<String> response = http.get("/status");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyGetIsAnsweredAndNoHookListensUnlessConfigured() throws Exception {
        assertThat(http.send("POST", "/metrics").statusCode()).isEqualTo(405);
        assertThat(http.send("DELETE", "/status").statusCode()).isEqualTo(405);
        assertThat(http.send("POST", "/status").headers().firstValue("Allow")).contains("GET");
        assertThat(http.send("POST", Forge.GITHUB.path()).statusCode()).isEqualTo(404);
        assertThat(http.get("/").statusCode()).isEqualTo(404);
        assertThat(http.get("/metrics/").statusCode()).isEqualTo(404);
    }
}
