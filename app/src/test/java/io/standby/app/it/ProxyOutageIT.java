package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The proxy goes out of reach in the middle of a release, and comes back: a real HAProxy stopped and started again, a
 * real nginx whose pid file is moved away and put back, in the watch window and while the old release drains. Each
 * time the agent keeps running, nothing stays in flight, the history says what happened, exactly one slot serves
 * afterwards, and the next commit releases as usual. The measurement was the first of these: the agent planned
 * the same commit onto its own running port and failed every later release until it was restarted.
 */
class ProxyOutageIT {

    private static final Duration RELEASE = Duration.ofSeconds(90);

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    private Process agent;

    @AfterEach
    void printTheAgentLog() {
        if (sandbox != null) {
            System.out.println("--- agent log ---\n" + sandbox.agentLog());
        }
    }

    @Test
    void haproxyStoppedInTheWatchWindowIsSwitchedBackFromOnceItIsStartedAgain() {
        start(Sandbox.Router.HAPROXY, new Sandbox.Timings(Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofMillis(500)));
        String v1 = liveSha();
        String v2 = commit("2", "v2");

        JsonNode entry = outageAt(v2, "verifying", "switching back to blue", this::haproxyStopped);

        assertThat(entry.path("result").asText()).isEqualTo("ROLLED_BACK");
        assertThat(entry.path("reason").asText()).contains("admin socket").contains("switched back to")
                .contains("once the proxy answered again");
        assertExactlyOneServes(sandbox.bluePort, "1", v1);
        assertTheNextCommitReleasesTo(sandbox.greenPort);
    }

    @Test
    void haproxyStoppedWhileTheOldReleaseDrainsIsRetiredOnceHaproxyAnswersAgain() {
        // A drain minimum long enough to stop HAProxy inside the drain.
        start(Sandbox.Router.HAPROXY, new Sandbox.Timings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(4)));
        String v2 = commit("2", "v2");

        JsonNode entry = outageAt(v2, "draining", "asking whether blue:", this::haproxyStopped);

        assertThat(entry.path("result").asText()).isEqualTo("LIVE");
        assertThat(entry.path("reason").asText()).contains("the proxy could not be reached for").contains("admin socket");
        assertExactlyOneServes(sandbox.greenPort, "2", v2);
        assertTheNextCommitReleasesTo(sandbox.bluePort);
    }

    @Test
    void nginxWithoutItsPidFileInTheWatchWindowIsSwitchedBackFromOnceTheFileIsBack() {
        start(Sandbox.Router.NGINX_RELOAD, new Sandbox.Timings(Duration.ofMillis(300), Duration.ofSeconds(15), Duration.ofMillis(500)));
        String v1 = liveSha();
        // Healthy on its own port, failing behind nginx a few seconds later: a switch back is due while nginx cannot be reloaded.
        sandbox.writeFile("HEALTH_500_AFTER", "4");
        String v2 = commit("2", "v2: fails behind the proxy after 4 s");

        JsonNode entry = outageAt(v2, "verifying", "switching back to blue", this::nginxPidFileAway);

        assertThat(entry.path("result").asText()).isEqualTo("ROLLED_BACK");
        assertThat(entry.path("reason").asText()).contains("failed behind the proxy").contains("no pid file")
                .contains("switched back to").contains("once the proxy answered again");
        assertExactlyOneServes(sandbox.bluePort, "1", v1);
        sandbox.deleteFile("HEALTH_500_AFTER");
        assertTheNextCommitReleasesTo(sandbox.greenPort);
    }

    @Test
    void nginxWithoutItsPidFileWhileTheOldReleaseDrainsLetsItsLastRequestFinish() throws Exception {
        start(Sandbox.Router.NGINX_RELOAD, new Sandbox.Timings(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        String v2 = commit("2", "v2");

        // A request that reaches v1 before the switch and takes 15 s: an old nginx worker holds it while blue drains.
        awaitStage(v2, "starting");
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> get("/slow?ms=15000"));
        JsonNode entry = outageAt(v2, "draining", "asking whether blue:", this::nginxPidFileAway);

        assertThat(slow.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("the request in flight on the old release")
                .isEqualTo("200 standby sample app version 1 on port " + sandbox.bluePort);
        assertThat(entry.path("result").asText()).isEqualTo("LIVE");
        assertThat(entry.path("reason").asText()).contains("the proxy could not be reached for").contains("no pid file");
        assertExactlyOneServes(sandbox.greenPort, "2", v2);
        assertTheNextCommitReleasesTo(sandbox.bluePort);
    }

    // --- the scene ---

    private void start(Sandbox.Router router, Sandbox.Timings timings) {
        sandbox = new Sandbox(scratch, router).withHandDeployedV1().writeConfig(timings, "");
        agent = sandbox.startAdoptingAgent();
    }

    private String commit(String version, String message) {
        sandbox.writeFile("VERSION", version);
        return sandbox.commitAndPush(message);
    }

    /**
     * Once the release of {@code sha} has reached {@code stage}, takes the proxy out of reach until the agent has met
     * the outage while doing {@code what}, then brings it back; the old release must still listen then (it is never
     * stopped blind). Returns the release's history entry once it has ended.
     */
    private JsonNode outageAt(String sha, String stage, String what, Outage outage) {
        awaitStage(sha, stage);
        Runnable restore = outage.begin();
        awaitTheAgentMeetsTheOutage(what);
        assertThat(Sandbox.isListening(sandbox.bluePort)).as("the old release was not stopped blind").isTrue();
        restore.run();
        awaitSettled();
        return lastAttemptAt(sha);
    }

    /** The proxy taken out of reach; {@link #begin} returns what brings it back. */
    @FunctionalInterface
    private interface Outage {
        Runnable begin();
    }

    private Runnable haproxyStopped() {
        sandbox.haproxy().stop();
        return () -> sandbox.haproxy().start();
    }

    /** nginx keeps running; only its pid file goes (the sandbox stops nginx by the pid it read at start). */
    private Runnable nginxPidFileAway() {
        Path pid = sandbox.nginx().pidFile();
        Path aside = pid.resolveSibling("nginx.pid.aside");
        move(pid, aside);
        return () -> move(aside, pid);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Until the agent has run into the outage: it says it cannot reach the proxy while doing {@code what}, or (as before
     * the fix) it went on without it: a failed poll, a failed stage, or an instance stopped.
     */
    private void awaitTheAgentMeetsTheOutage(String what) {
        await("the agent to meet the proxy's outage while " + what).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    String log = sandbox.agentLog();
                    return log.contains("the proxy cannot be reached while " + what) || log.contains("poll failed")
                            || log.contains("FAILED after") || log.contains("stopping release");
                });
    }

    private void awaitStage(String sha, String stage) {
        Pattern started = Pattern.compile(sha.substring(0, 7) + " -> \\w+:\\d+  " + stage + " +started");
        await(sha.substring(0, 7) + " " + stage).atMost(RELEASE).pollInterval(Duration.ofMillis(50))
                .until(() -> started.matcher(sandbox.agentLog()).find());
    }

    private String get(String path) {
        return ProxyAnswer.get(sandbox.proxyPort, path, Duration.ofSeconds(60));
    }

    // --- what must hold ---

    private String liveSha() {
        return sandbox.liveJournal().orElseThrow().path("release").path("revision").path("sha").asText();
    }

    /** The release ended: nothing in flight, and the agent still runs. */
    private void awaitSettled() {
        await("nothing in flight and exactly one slot listening").atMost(RELEASE).pollInterval(Duration.ofMillis(200))
                .until(() -> sandbox.inFlightJournal().isEmpty() && Sandbox.isListening(sandbox.bluePort) != Sandbox.isListening(sandbox.greenPort));
        assertThat(agent.isAlive()).as("the agent keeps running").isTrue();
        assertThat(sandbox.agentLog()).doesNotContain("poll failed");
    }

    /** The newest history entry for the commit, from {@code history --json}. */
    private JsonNode lastAttemptAt(String sha) {
        for (JsonNode entry : sandbox.standbyJson("history")) {
            if (entry.path("revision").path("sha").asText().equals(sha)) {
                return entry;
            }
        }
        throw new AssertionError("no history entry for " + sha + ": " + sandbox.standby("history").out());
    }

    private void assertExactlyOneServes(int port, String version, String sha) {
        int other = port == sandbox.bluePort ? sandbox.greenPort : sandbox.bluePort;
        assertThat(Sandbox.isListening(port)).isTrue();
        assertThat(Sandbox.isListening(other)).as("the other slot is stopped").isFalse();
        assertThat(sandbox.liveJournal().orElseThrow().path("slot").path("port").asInt()).isEqualTo(port);
        assertThat(liveSha()).isEqualTo(sha);
        assertThat(sandbox.throughProxy()).isEqualTo("200 standby sample app version " + version + " on port " + port);
    }

    private void assertTheNextCommitReleasesTo(int port) {
        String next = commit("3", "v3: the next commit");
        await("v3 live").atMost(RELEASE).pollInterval(Duration.ofMillis(200))
                .until(() -> sandbox.inFlightJournal().isEmpty() && liveSha().equals(next));
        assertThat(lastAttemptAt(next).path("result").asText()).isEqualTo("LIVE");
        await("the old slot stopped").atMost(Duration.ofSeconds(30)).until(() -> Sandbox.isListening(port)
                && !Sandbox.isListening(port == sandbox.bluePort ? sandbox.greenPort : sandbox.bluePort));
        assertExactlyOneServes(port, "3", next);
        assertThat(agent.isAlive()).isTrue();
    }
}
