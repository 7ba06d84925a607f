package io.standby.app.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.app.it.KeepAliveLoad;
import io.standby.app.it.Sandbox;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Source: when the repository cannot give the agent a new revision, the agent says why in its log and in
 * {@code status}, keeps polling with back-off, and the live release keeps serving; once the repository is back
 * the agent carries on by itself. A force-pushed branch is followed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSourceIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private static final Duration SAY_SO = Duration.ofSeconds(30);

    private Scene scene;

    @BeforeAll
    void serveV1() {
        scene = Scene.v1BehindNginx(scratch);
    }

    /** A configuration of the scene's application with its own journal and the given repository. */
    private Path config(String name, String url, String extra) {
        String yaml = scene.baseConfig()
                .replace("  url: " + scene.sandbox.bare.toUri(), "  url: " + url + extra)
                .replace("state-dir: " + scene.sandbox.state, "state-dir: " + scene.root().resolve("state-" + name));
        assertThat(yaml).contains("url: " + url);
        return scene.configFile(name + ".yml", yaml);
    }

    /** Starts the agent, lets it adopt v1, and returns it with what the repository problem looks like in status. */
    private Scene.Agent adoptingAgent(Path config, Map<String, String> env) {
        Scene.Agent agent = scene.agent(config, env);
        agent.awaitLog("as the live release", SAY_SO);
        return agent;
    }

    private JsonNode source(Path config) {
        return scene.status(config).path("source");
    }

    private void stopsCleanly(Scene.Agent agent) {
        assertThat(agent.terminate(Duration.ofSeconds(30))).as("exit code after SIGTERM; log:\n%s", agent.log()).isZero();
        assertThat(scene.serving()).contains(scene.v1OnBlue());
        assertThat(scene.strayPhp()).isEmpty();
        assertThat(scene.halfWritten()).isEmpty();
    }

    @Test
    void anUnreachableRepositoryIsRetriedWithBackOffAndStatusSaysSoUntilItAnswersAgain() {
        int port = Loopback.freePort();
        String url = "git://127.0.0.1:" + port + "/app.git";
        Path config = config("unreachable", url, "");
        Scene.Agent agent = adoptingAgent(config, Map.of());

        Process[] daemon = new Process[1];
        KeepAliveLoad.Report load = scene.underLoad(() -> {
            agent.awaitLog("(attempt 3)", SAY_SO);
            JsonNode source = source(config);
            assertThat(source.path("failuresInARow").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(source.path("problem").asText()).contains("cannot reach the git repository " + url)
                    .contains("connection refused by 127.0.0.1:" + port)
                    .contains("Check that the git server is running and that the URL's host and port are right");
            assertThat(scene.standby(config, Map.of(), "status").out()).contains("repository:   FAILING (")
                    .contains("attempts in a row").contains("connection refused");

            daemon[0] = scene.foreign(scene.root().resolve("git-daemon"), List.of("git", "daemon", "--reuseaddr", "--export-all",
                    "--base-path=" + scene.sandbox.bare.getParent(), "--listen=127.0.0.1", "--port=" + port));
            agent.awaitLog("the repository answers again after", SAY_SO);
        });

        assertThat(load.failures()).as("%s", load).isEmpty();
        // The pause doubles from the poll interval (500ms) up to max-backoff (2s).
        assertThat(agent.log()).contains("(attempt 1): ").contains("next try in 1s").contains("(attempt 2): ").contains("next try in 2s")
                .contains("the live release keeps serving");
        JsonNode source = source(config);
        assertThat(source.path("failuresInARow").asInt()).isZero();
        assertThat(source.path("problem").isNull()).isTrue();
        stopsCleanly(agent);
        daemon[0].destroy();
    }

    @Test
    void aRefusedTokenIsNamedAsAnAuthenticationProblem() {
        try (DumbHttpGit http = new DumbHttpGit(scene.sandbox.bare, "deployer", "the-right-token")) {
            Path config = config("refused", http.url(), "\n  username: deployer\n  secret-env: STANDBY_TEST_TOKEN");
            Scene.Agent agent = adoptingAgent(config, Map.of("STANDBY_TEST_TOKEN", "a-revoked-token"));

            KeepAliveLoad.Report load = scene.underLoad(() -> agent.awaitLog("(attempt 2)", SAY_SO));

            assertThat(load.failures()).as("%s", load).isEmpty();
            assertThat(http.refused()).isPositive();
            assertThat(http.authorized()).isZero();
            assertThat(source(config).path("problem").asText())
                    .isEqualTo("authentication refused by " + http.url() + ": check the username and the secret");
            assertThat(agent.log()).doesNotContain("a-revoked-token");
            stopsCleanly(agent);
        }
    }

    @Test
    void aPasswordInTheUrlIsShownNowhereNotEvenTheEndOfOneHoldingAtAndColon() {
        String tail = "w0rd@" + UUID.randomUUID();
        String password = "p@ss:" + tail;
        try (DumbHttpGit http = new DumbHttpGit(scene.sandbox.bare, "deployer", password)) {
            Path config = config("password", "'" + http.url().replace("http://", "http://deployer:" + password + "@") + "'", "");
            Path state = scene.root().resolve("state-password");
            Map<String, String> env = Map.of("STANDBY_LOG_LEVEL", "DEBUG");
            Scene.Agent agent = adoptingAgent(config, env);
            await().atMost(SAY_SO).until(() -> http.authorized() > 0);

            http.close();
            agent.awaitLog("cannot read the repository", SAY_SO);
            StringBuilder shown = new StringBuilder();
            for (String command : List.of("status", "history")) {
                shown.append(scene.standby(config, env, command).all());
                shown.append(scene.standby(config, env, command, "--json").all());
            }
            shown.append(scene.standby(config, env, "check-config").all());
            stopsCleanly(agent);

            assertThat(agent.log()).as("the start-up line").contains("of " + http.url() + ", slots");
            assertThat(shown).as("status and check-config name the repository that fails")
                    .contains("cannot reach the git repository " + http.url());
            assertThat(agent.log() + shown).as("the agent's log at DEBUG, status, history and check-config")
                    .doesNotContain(tail).doesNotContain("p@ss").doesNotContain("deployer:");
            assertThat(Scene.grep(state, tail)).as("files in the state directory holding the password").isEmpty();
        }
    }

    @Test
    void aDeletedBranchIsNamedWithTheBranchesThatRemainAndFollowedAgainOnceRestored() {
        Path mirror = scene.root().resolve("branches.git");
        scene.git(scene.root(), "clone", "-q", "--bare", scene.sandbox.bare.toString(), mirror.toString());
        Path config = config("branch", mirror.toUri().toString(), "");
        Scene.Agent agent = adoptingAgent(config, Map.of());

        KeepAliveLoad.Report load = scene.underLoad(() -> {
            await().atMost(SAY_SO).until(() -> !source(config).path("checkedAt").isMissingNode());
            scene.git(mirror, "branch", "hotfix", "master");
            scene.git(mirror, "update-ref", "-d", "refs/heads/master");
            agent.awaitLog("was deleted from", SAY_SO);
            assertThat(source(config).path("problem").asText())
                    .contains("branch 'master' was deleted from " + mirror.toUri() + " (its branches: hotfix)")
                    .contains("the mirror last saw it at ").contains("push the branch again, or point Standby at another branch");

            scene.git(mirror, "branch", "master", "hotfix");
            agent.awaitLog("the repository answers again after", SAY_SO);
        });

        assertThat(load.failures()).as("%s", load).isEmpty();
        stopsCleanly(agent);
    }

    @Test
    void anEmptyRepositoryAsksForAFirstCommit() {
        Path empty = scene.root().resolve("empty.git");
        scene.git(scene.root(), "init", "-q", "--bare", "--initial-branch=master", empty.toString());
        Path config = config("empty", empty.toUri().toString(), "");
        Scene.Agent agent = adoptingAgent(config, Map.of());

        KeepAliveLoad.Report load = scene.underLoad(() -> agent.awaitLog("(attempt 2)", SAY_SO));

        assertThat(load.failures()).as("%s", load).isEmpty();
        assertThat(source(config).path("problem").asText())
                .isEqualTo("the git repository " + empty.toUri() + " is empty: push a first commit to branch 'master'");
        assertThat(scene.status(config).at("/live/release/revision/message").asText().strip()).isEqualTo("v1");
        stopsCleanly(agent);
    }

    /** After the other cases, which leave the scene's own journal alone: following the rewritten branch replaces v1. */
    @Nested
    class ForcePushed {

        @Test
        void theRewrittenHeadIsReleasedWithoutAFailedRequest() {
            Scene.Agent agent = scene.agent(scene.sandbox.config, Map.of());
            agent.awaitLog("as the live release", SAY_SO);
            await().atMost(SAY_SO).until(() -> !scene.status().at("/source/checkedAt").isMissingNode());

            KeepAliveLoad.Report load = scene.underLoad(() -> {
                scene.sandbox.writeFile("VERSION", "2");
                scene.git(scene.sandbox.work, "add", "-A");
                scene.git(scene.sandbox.work, "-c", "user.name=Dev", "-c", "user.email=dev@example.com",
                        "commit", "-q", "--amend", "-m", "v1, rewritten as v2");
                scene.git(scene.sandbox.work, "push", "-q", "--force", "origin", "HEAD:master");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> scene.serving().contains("version 2 on port " + scene.sandbox.greenPort));
                await().atMost(Duration.ofSeconds(30)).until(() -> scene.status().path("inFlight").isNull());
            });

            assertThat(load.failures()).as("%s", load).isEmpty();
            assertThat(agent.log()).contains("was force-pushed").contains("following the new head");
            String head = scene.git(scene.sandbox.work, "rev-parse", "HEAD").strip();
            assertThat(scene.status().at("/live/release/revision/sha").asText()).isEqualTo(head);
            assertThat(agent.terminate(Duration.ofSeconds(30))).isZero();
            assertThat(scene.sandbox.phpServers()).hasSize(1);
            assertThat(scene.halfWritten()).isEmpty();
        }
    }
}
