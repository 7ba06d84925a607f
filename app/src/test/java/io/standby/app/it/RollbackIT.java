package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rolling back, to the previous release or a named one, goes through the safe path without reinstalling; the
 * commit rolled away from is left alone by the poller until a newer one is pushed, yet can still be forced.
 * All under load, without a failed request.
 */
class RollbackIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    @Test
    void rollbacksReturnToKeptReleasesAndTheRolledAwayCommitIsNotPolledBackIn() {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_RELOAD).withHandDeployedV1().writeConfig(Sandbox.Timings.QUICK, "");
        KeepAliveLoad.Report report;
        String v3;
        String release2;
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, KeepAliveLoad.PACED, 4)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > 100);
            String v2 = push("2");
            release2 = deploy("deploy");
            v3 = push("3");
            String release3 = deploy("deploy");
            assertServes("3");

            Programs.Ran back = sandbox.standby("rollback");
            assertThat(back.exit()).as(back.all()).isZero();
            assertThat(back.out()).contains("live: " + release2);
            assertThat(back.err()).as("a roll-back does not install again").doesNotContain("installing");
            assertThat(liveRelease()).isEqualTo(release2);
            assertServes("2");

            // The poller sees v3 at the head of the branch, and leaves it alone for as long as it stays there.
            Process agent = sandbox.startAgent();
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.agentLog().contains("not deploying " + v3.substring(0, 7) + " again"));
            Set<String> polls = new HashSet<>();
            await("three more polls").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                polls.add(Sandbox.read(sandbox.state.resolve("source.json")));
                return polls.size() > 3;
            });
            assertThat(sandbox.agentLog()).doesNotContain("poll " + v3.substring(0, 7) + " ->");
            assertThat(liveRelease()).isEqualTo(release2);

            String v4 = push("4");
            await("the poller releases v4").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> liveSha().equals(v4) && sandbox.inFlightJournal().isEmpty());
            assertServes("4");
            Sandbox.stop(agent);

            String forced = deploy("deploy", "--revision", v3);
            assertThat(forced).as("forced anew, not the release rolled away from").isNotEqualTo(release3);
            assertThat(liveSha()).isEqualTo(v3);
            assertServes("3");

            Programs.Ran named = sandbox.standby("rollback", release2);
            assertThat(named.exit()).as(named.all()).isZero();
            assertThat(named.err()).doesNotContain("installing");
            assertThat(liveRelease()).isEqualTo(release2);
            assertServes("2");
            long before = load.succeeded();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > before + 200);
            report = load.stop();
        }

        System.out.println("ROLLBACK load across 4 releases and 2 roll-backs: " + report);
        assertThat(report.failures()).as("%s\nagent log:\n%s", report, sandbox.agentLog()).isEmpty();
        String log2 = Sandbox.read(sandbox.logsDir().resolve(release2 + ".log"));
        assertThat(log2.split("\\$ composer", -1)).as("composer ran for release 2 once, when it was first released").hasSize(2);
        List<JsonNode> history = StreamSupport.stream(sandbox.standbyJson("history").spliterator(), false).toList();
        assertThat(history).filteredOn(e -> e.path("result").asText().equals("ROLLED_AWAY"))
                .extracting(e -> e.path("revision").path("sha").asText())
                .containsExactly(v3, v3);
        assertThat(history.get(0).path("result").asText()).isEqualTo("ROLLED_AWAY");
        assertThat(history.get(1).path("result").asText()).isEqualTo("LIVE");
        assertThat(history.get(1).path("trigger").asText()).isEqualTo("ROLLBACK");
        assertThat(sandbox.phpServers()).hasSize(1);
    }

    private String push(String version) {
        sandbox.writeFile("VERSION", version);
        return sandbox.commitAndPush("v" + version + ": say version " + version);
    }

    /** Runs a release command that must end live; returns the id of the release then live. */
    private String deploy(String... command) {
        Programs.Ran ran = sandbox.standby(command);
        assertThat(ran.exit()).as("standby %s: %s", String.join(" ", command), ran.all()).isZero();
        return liveRelease();
    }

    private String liveRelease() {
        return sandbox.liveJournal().orElseThrow().path("release").path("id").path("value").asText();
    }

    private String liveSha() {
        return sandbox.liveJournal().map(l -> l.path("release").path("revision").path("sha").asText()).orElse("");
    }

    private void assertServes(String version) {
        int port = sandbox.liveJournal().orElseThrow().path("slot").path("port").asInt();
        assertThat(sandbox.throughProxy()).isEqualTo("200 standby sample app version " + version + " on port " + port);
    }
}
