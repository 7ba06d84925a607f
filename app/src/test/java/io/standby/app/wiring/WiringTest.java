package io.standby.app.wiring;

import com.google.inject.Injector;
import io.standby.app.config.ConfigLoader;
import io.standby.app.config.ConfigLoaderTest;
import io.standby.app.config.StandbyConfig;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.out.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules Wiring chooses: what is configured works beside the releases, and what is not is not there. */
class WiringTest {

    @TempDir
    Path dir;

    @Test
    void withAListenerRunStartsItServingTheStatusJsonAndTheTimelinesMetricsAndClosingEndsIt() throws Exception {
        int port = freePort();
        StandbyConfig config = load(ConfigLoaderTest.VALID.replace("/var/lib/standby/shop", dir.resolve("state").toString())
                + "listen:\n  port: " + port + "\n");
        Injector injector = Wiring.agent(config, report -> "{\"live\": " + report.live().isPresent() + "}", Map.of());
        HttpClient http = HttpClient.newHttpClient();

        try (Background background = injector.getInstance(Background.class)) {
            background.start();

            injector.getInstance(Timeline.class).ended(new HistoryEntry(
                    new Revision("0123456789abcdef0123456789abcdef01234567", "Ada", "v2", Instant.EPOCH), Optional.empty(),
                    new Slot("green", 9502), Trigger.POLL, Result.LIVE, Stage.LIVE, "", Instant.EPOCH, Instant.EPOCH, List.of()));

            assertThat(get(http, port, "/status").body()).isEqualTo("{\"live\": false}");
            HttpResponse<String> metrics = get(http, port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("standby_releases_total{result=\"live\"} 1", "standby_releases_total{result=\"failed\"} 0");
            assertThat(get(http, port, "/hooks/github").statusCode()).as("no webhook section, no hook").isEqualTo(404);
        }

        assertThat(listening(port)).isFalse();
    }

    @Test
    void aTimelinePartThatThrowsDoesNotKeepTheOthersFromHearing() {
        List<String> told = new ArrayList<>();
        Timelines fanOut = new Timelines(new java.util.LinkedHashSet<>(List.of(throwing(), recording(told))));

        fanOut.note("one");

        assertThat(told).containsExactly("one");
    }

    @Test
    void withoutListenOrNotifyNothingWorksBesideTheReleases() throws Exception {
        Injector injector = Wiring.agent(load(ConfigLoaderTest.VALID), report -> "{}", Map.of());

        try (Background background = injector.getInstance(Background.class)) {
            background.start();
        }

        assertThat(injector.getExistingBinding(com.google.inject.Key.get(io.standby.adapters.http.Listener.class))).isNull();
    }

    private static Timeline throwing() {
        return new Recorder(message -> {
            throw new IllegalStateException("broken part");
        });
    }

    private static Timeline recording(List<String> told) {
        return new Recorder(told::add);
    }

    /** A part of the timeline that only hears notes. */
    private record Recorder(java.util.function.Consumer<String> notes) implements Timeline {
        @Override
        public void stageStarted(Plan plan, Stage stage) {
        }

        @Override
        public void stageSucceeded(Plan plan, Stage stage, Duration took) {
        }

        @Override
        public void stageFailed(Plan plan, Stage stage, Duration took, String reason) {
        }

        @Override
        public void note(String message) {
            notes.accept(message);
        }

        @Override
        public void ended(HistoryEntry entry) {
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private StandbyConfig load(String yaml) throws IOException {
        return new ConfigLoader().load(Files.writeString(dir.resolve("standby.yml"), yaml));
    }
}
