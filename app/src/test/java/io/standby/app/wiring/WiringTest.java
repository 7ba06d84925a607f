package io.standby.app.wiring;

import com.google.inject.Injector;
import io.standby.app.Isolated;
import io.standby.app.config.ConfigLoader;
import io.standby.app.config.ConfigLoaderTest;
import io.standby.app.config.StandbyConfig;
import io.standby.app.hooks.CommandHooks;
import io.standby.domain.fleet.FleetSwitchGate;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Plan;
import io.standby.domain.model.PreviousRelease;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StatusReport;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.out.ReleaseHooks;
import io.standby.domain.port.out.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
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
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The modules Wiring chooses: a server on its own or a server in a fleet; what is configured works beside the
 * releases, and what is not is not there.
 */
class WiringTest {

    private static final List<String> ZOOKEEPER = List.of("io.standby.adapters.zookeeper.", "org.apache.curator.",
            "org.apache.zookeeper.");
    // What `status --json` would print; these tests do not read it.
    private static final Function<StatusReport, String> NO_STATUS = report -> "{}";

    @TempDir
    Path dir;

    @Test
    void aServerOnItsOwnPollsItsBranchAndRetiresThePreviousRelease() throws IOException {
        Injector agent = Wiring.agent(load(""), NO_STATUS, Map.of());

        assertThat(agent.getInstance(AgentLoop.class)).isInstanceOf(PollingLoop.class);
        assertThat(agent.getInstance(ReleaseHooks.class)).isInstanceOf(CommandHooks.class);
        assertThat(agent.getInstance(PreviousRelease.class)).isEqualTo(PreviousRelease.RETIRED);
    }

    @Test
    void aServerInAFleetFollowsItsLeaderKeepsThePreviousReleaseWarmAndSwitchesOnlyWithTheFleetsWord() throws IOException {
        // Connecting does not wait for the ensemble, so nothing needs to listen there for the wiring to be built.
        Injector agent = Wiring.agent(load("fleet:\n  zookeeper: 127.0.0.1:1\n  host: web-1\n"), NO_STATUS, Map.of());

        try {
            assertThat(agent.getInstance(AgentLoop.class)).isInstanceOf(FleetLoops.class);
            assertThat(agent.getInstance(ReleaseHooks.class)).isInstanceOf(FleetSwitchGate.class)
                    .isSameAs(agent.getInstance(FleetSwitchGate.class));
            assertThat(agent.getInstance(PreviousRelease.class)).isEqualTo(PreviousRelease.KEPT_WARM);
        } finally {
            agent.getInstance(io.standby.adapters.zookeeper.ZooKeeperFleet.class).close();
        }
    }

    /**
     * The promise that a single server runs exactly as before the fleet existed: built in a class loader that cannot
     * see ZooKeeper, Curator or the adapter, the whole agent and its command line come up, and nothing asked for them.
     */
    @Test
    void aServerOnItsOwnLoadsNoClassOfZooKeeperNorOfCurator() throws Exception {
        Path config = write("");
        try (Isolated isolated = new Isolated(ZOOKEEPER)) {
            Object injector = isolated.call("io.standby.app.wiring.Wiring", "agent", isolated.loadConfig(config), NO_STATUS);
            Method getInstance = isolated.loadClass("com.google.inject.Injector").getMethod("getInstance", Class.class);
            for (String type : List.of("io.standby.app.wiring.AgentLoop", "io.standby.domain.port.in.DeployRelease",
                    "io.standby.domain.port.in.RollBack", "io.standby.domain.port.in.Reconcile")) {
                assertThat(getInstance.invoke(injector, isolated.loadClass(type))).as(type).isNotNull();
            }
            Object exit = isolated.call("io.standby.app.cli.StandbyCommand", "execute", (Object) new String[]{"--help"});

            assertThat(exit).isEqualTo(0);
            assertThat(isolated.refused).as("classes of ZooKeeper asked for by a server on its own").isEmpty();
        }
    }

    @Test
    void theIsolationSeesAFleetReachForZooKeeper() throws Exception {
        Path config = write("fleet:\n  zookeeper: 127.0.0.1:1\n  host: web-1\n");
        try (Isolated isolated = new Isolated(ZOOKEEPER)) {
            Object loaded = isolated.loadConfig(config);
            Throwable failed = catchThrowable(() -> isolated.call("io.standby.app.wiring.Wiring", "agent", loaded, NO_STATUS));

            assertThat(failed).isNotNull();
            assertThat(isolated.refused).anyMatch(name -> name.startsWith("io.standby.adapters.zookeeper."));
        }
    }

    @Test
    void withAListenerRunStartsItServingTheStatusJsonAndTheTimelinesMetricsAndClosingEndsIt() throws Exception {
        int port = freePort();
        StandbyConfig config = load("listen:\n  port: " + port + "\n");
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
        Injector injector = Wiring.agent(load(""), NO_STATUS, Map.of());

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

    private StandbyConfig load(String extra) throws IOException {
        return new ConfigLoader().load(write(extra));
    }

    private Path write(String extra) throws IOException {
        String yaml = ConfigLoaderTest.VALID.replace("/var/lib/standby/shop", dir.resolve("state").toString()) + extra;
        return Files.writeString(dir.resolve("standby.yml"), yaml);
    }
}
