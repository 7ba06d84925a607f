package io.standby.app.ops;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scrape of the agent's {@code /metrics}, as Prometheus asks for it with native histograms on, parsed with the
 * client's own protobuf classes (the client writes the text formats but has no parser for them).
 */
final class Scrape {

    private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited;q=0.9,text/plain;version=0.0.4;q=0.1";

    private final Map<String, Metrics.MetricFamily> families;

    private Scrape(Map<String, Metrics.MetricFamily> families) {
        this.families = families;
    }

    static Scrape of(int port) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10))
                .header("Accept", PROTOBUF).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Metrics.MetricFamily> families = new HashMap<>();
        InputStream in = new ByteArrayInputStream(response.body());
        Metrics.MetricFamily family;
        while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
            families.put(family.getName(), family);
        }
        return new Scrape(families);
    }

    Metrics.MetricFamily family(String name) {
        assertThat(families).as("the metric families scraped").containsKey(name);
        return families.get(name);
    }

    /** The series of a family with exactly these labels, if scraped. */
    Optional<Metrics.Metric> series(String family, Map<String, String> labels) {
        return family(family).getMetricList().stream().filter(metric -> labels(metric).equals(labels)).findFirst();
    }

    double counter(String family, Map<String, String> labels) {
        return series(family, labels).orElseThrow(() -> new AssertionError("no series " + labels + " in " + family))
                .getCounter().getValue();
    }

    static Map<String, String> labels(Metrics.Metric metric) {
        return metric.getLabelList().stream().collect(Collectors.toMap(Metrics.LabelPair::getName, Metrics.LabelPair::getValue));
    }
}
