package io.standby.app.it;

import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The release engine end to end, with the fat jar, a real nginx in the tutorial's layout, php, composer and git:
 * a pushed commit goes live under keep-alive load and a broken one is turned away, with no failed request.
 */
class ReleaseUnderLoadIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    @AfterEach
    void printTheAgentLog() {
        if (sandbox != null) {
            System.out.println("--- agent log ---\n" + sandbox.agentLog());
        }
    }

    @ParameterizedTest(name = "through {0}")
    @EnumSource(Sandbox.Router.class)
    void aPushedCommitGoesLiveUnderLoadWithoutASingleFailedRequest(Sandbox.Router router) {
        sandbox = new Sandbox(scratch, router).withHandDeployedV1().writeConfig("");
        assertThat(sandbox.throughProxy()).contains("version 1 on port " + sandbox.bluePort);
        sandbox.startAgent();
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.standby("status").out().contains("adopted") || sandbox.agentLog().contains("adopted"));

        KeepAliveLoad.Report report;
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, "/", 8)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() > 200);
            sandbox.writeFile("VERSION", "2");
            sandbox.commitAndPush("v2: say version 2");
            sandbox.awaitVersion2LiveInGreen(load, Duration.ofSeconds(90));
            report = load.stop();
        }

        System.out.println("load across the release: " + report);
        assertThat(report.failures()).as("failed requests: %s\nagent log:\n%s", report, sandbox.agentLog()).isEmpty();
        if (router != Sandbox.Router.NGINX_RELOAD) {
            // Without a reload nothing closes a client's idle keep-alive connection: not even a reset is acceptable.
            assertThat(report.idleResets()).as("%s", report).isZero();
        }
        assertThat(report.bodies().keySet()).anyMatch(b -> b.contains("version 1")).anyMatch(b -> b.contains("version 2"));
        assertThat(sandbox.standby("status").out()).contains("on green:" + sandbox.greenPort);
        assertThat(sandbox.standby("history").out()).contains("v2: say version 2 (Dev <dev@example.com>)").contains("live");
        assertThat(sandbox.phpServers()).hasSize(1);
    }

    @ParameterizedTest(name = "through {0}")
    @EnumSource(Sandbox.Router.class)
    void aCommitThatBreaksComposerIsRejectedOnceAndTheLiveReleaseKeepsServing(Sandbox.Router router) {
        sandbox = new Sandbox(scratch, router).withHandDeployedV1().writeConfig("");
        sandbox.startAdoptingAgent();

        KeepAliveLoad.Report report;
        String broken;
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, "/", 4)) {
            sandbox.writeFile("composer.json", "{ this is not json");
            broken = sandbox.commitAndPush("break composer.json");
            await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.standby("status").out().contains("last failure: " + broken.substring(0, 7)));
            // The agent keeps polling, a poll every 500 ms; over 3 s of polls the broken head must not be tried again.
            java.time.Instant failedAt = sandbox.lastPoll();
            await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.lastPoll().isAfter(failedAt.plusSeconds(3)));
            report = load.stop();
        }

        String status = sandbox.standby("status").out();
        assertThat(status).contains("failed at installing").contains("composer");
        assertThat(sandbox.historyShas()).as("attempts at each commit, newest first").containsExactly(broken, sandbox.adoptedSha());
        assertThat(sandbox.throughProxy()).contains("version 1 on port " + sandbox.bluePort);
        assertThat(report.failures()).as("%s", report).isEmpty();
        assertThat(Sandbox.isListening(sandbox.greenPort)).isFalse();
    }
}
