package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A release that is healthy on its own port, then fails behind the proxy while the old one is still warm, is
 * switched back by the agent itself, and the commit is not tried again.
 */
class WatchWindowIT {

    // The window outlasts the release's healthy spell by far: HEALTH_500_AFTER counts from its first health check.
    private static final Sandbox.Timings LONG_WATCH = new Sandbox.Timings(Duration.ofMillis(300), Duration.ofSeconds(12), Duration.ofMillis(500));
    private static final int HEALTHY_FOR_SECONDS = 4;

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    @Test
    void aReleaseThatFailsBehindTheProxyInTheWatchWindowIsSwitchedBackAutomatically() {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_RELOAD).withHandDeployedV1().writeConfig(LONG_WATCH, "");
        sandbox.startAdoptingAgent();
        String v1 = sandbox.liveJournal().orElseThrow().path("release").path("revision").path("sha").asText();

        KeepAliveLoad.Report report;
        String v2;
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, KeepAliveLoad.PACED, 4)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > 100);
            sandbox.writeFile("VERSION", "2");
            sandbox.writeFile("HEALTH_500_AFTER", String.valueOf(HEALTHY_FOR_SECONDS));
            v2 = sandbox.commitAndPush("v2: healthy at first, failing a few seconds later");
            String sha = v2.substring(0, 7);
            await("v2 reaches the watch window").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Pattern.compile(sha + " -> green:\\d+  verifying +started").matcher(sandbox.agentLog()).find());
            await("the switch back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> sandbox.inFlightJournal().isEmpty() && !Sandbox.isListening(sandbox.greenPort));
            await("the poller passes over v2").atMost(Duration.ofSeconds(20))
                    .until(() -> sandbox.agentLog().contains("not deploying " + sha + " again"));
            long after = load.succeeded();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > after + 200);
            report = load.stop();
        }

        long served500 = report.failures().stream().filter(f -> f.startsWith("status 500")).count();
        System.out.println("WATCH load across the switch back: " + report + "; of which 500s from the failing release: " + served500);
        String context = report + "\nagent log:\n" + sandbox.agentLog();
        assertThat(report.failures()).as("only answers of the failing release itself may fail; %s", context)
                .allMatch(f -> f.startsWith("status 500"));
        assertThat(report.bodies().keySet()).as(context).anyMatch(b -> b.contains("version 2"));

        JsonNode status = sandbox.standbyJson("status");
        assertThat(status.path("inFlight").isNull()).isTrue();
        assertThat(status.path("live").path("slot").path("port").asInt()).isEqualTo(sandbox.bluePort);
        assertThat(status.path("live").path("release").path("revision").path("sha").asText()).isEqualTo(v1);
        JsonNode failure = status.path("lastFailure");
        assertThat(failure.path("result").asText()).isEqualTo("ROLLED_BACK");
        assertThat(failure.path("stage").asText()).isEqualTo("VERIFYING");
        assertThat(failure.path("revision").path("sha").asText()).isEqualTo(v2);
        assertThat(failure.path("reason").asText()).contains("failed behind the proxy").contains("500").contains("switched back");
        assertThat(sandbox.standby("status").out()).contains("last failure: " + v2.substring(0, 7) + " rolled back at verifying");

        assertThat(sandbox.throughProxy()).isEqualTo("200 standby sample app version 1 on port " + sandbox.bluePort);
        assertThat(sandbox.throughProxy("/health")).startsWith("200");
        assertThat(Sandbox.isListening(sandbox.greenPort)).as("the failed release is stopped").isFalse();
        assertThat(sandbox.phpServers()).hasSize(1);
    }
}
