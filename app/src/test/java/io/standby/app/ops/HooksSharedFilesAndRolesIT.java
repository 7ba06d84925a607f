package io.standby.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.app.it.Sandbox;
import org.junit.jupiter.api.Test;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hooks, shared files, roles and a health check that requires the revision, with the real agent behind nginx: a
 * migration runs in the new release with the STANDBY_* variables and sees the shared {@code .env}; the roles on each
 * slot's port are candidate, live and draining as the release moves on; a failing before-switch hook and a missing
 * shared file fail their release while the live one keeps serving.
 */
class HooksSharedFilesAndRolesIT {

    // A stand-in for a migration: it writes down what Standby told it and what it saw, in the release it ran in.
    private static final String MIGRATE = """
            <?php
            $seen = ['cwd' => getcwd(), 'dotenv' => is_file('.env') ? trim(file_get_contents('.env')) : null];
            foreach (getenv() as $name => $value) {
                if (str_starts_with($name, 'STANDBY_')) {
                    $seen[$name] = $value;
                }
            }
            file_put_contents('MIGRATED.json', json_encode($seen));
            """;

    // Fails when the release holds FAIL_<hook>; holds the release at the hook while the test's <hook>.hold exists, and
    // says so in <hook>.holding. PHP caches what is_file saw, hence clearstatcache().
    private static final String GATE = """
            <?php
            $hook = getenv('STANDBY_HOOK');
            if (is_file("FAIL_$hook")) {
                fwrite(STDERR, "$hook refused: FAIL_$hook is in the release\\n");
                exit(3);
            }
            $gates = getenv('TEST_GATES');
            $deadline = time() + 120;
            if (is_file("$gates/$hook.hold")) {
                file_put_contents("$gates/$hook.holding", getenv('STANDBY_COMMIT'));
            }
            while (is_file("$gates/$hook.hold") && time() < $deadline) {
                usleep(100000);
                clearstatcache();
            }
            """;

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private RunningAgent agent;

    @Test
    void hooksRunInTheReleaseRolesFollowItAndWhatFailsBeforeTheSwitchLeavesTheLiveReleaseServing() throws Exception {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_FLAG).withHandDeployedV1().writeConfig(Sandbox.Timings.QUICK, """
                hooks:
                  after-install:
                    - [php, bin/migrate.php]
                  before-switch:
                    - [php, bin/gate.php]
                  after-switch:
                    - [php, bin/gate.php]
                shared:
                  files: [.env]
                  dirs: [storage]
                """);
        Sandbox.writeTo(sandbox.config, Sandbox.read(sandbox.config).replace("health:\n", "health:\n  require-revision: true\n"));
        Path shared = sandbox.state.resolve("shared");
        Sandbox.writeTo(shared.resolve(".env"), "GREETING=hello from shared\n");
        Path gates = Files.createDirectories(scratch.dir().resolve("gates"));
        agent = scratch.own(RunningAgent.start(sandbox, Map.of("TEST_GATES", gates.toString())));

        // v2: its health answers "ok <sha>", which require-revision takes; the migration ran in it before it started.
        sandbox.writeFile("bin/migrate.php", MIGRATE);
        sandbox.writeFile("bin/gate.php", GATE);
        sandbox.writeFile(".env", "GREETING=from the commit, which gives way to the shared file\n");
        sandbox.writeFile("VERSION", "2");
        String v2 = sandbox.commitAndPush("v2 with a migration");
        await("v2 live, its health naming its commit").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> servedSha().equals(v2) && sandbox.inFlightJournal().isEmpty());
        assertThat(agent.log()).contains("naming " + v2.substring(0, 7));

        Path release2 = releaseOf(v2);
        int port2 = portServing(v2).orElseThrow();
        JsonNode migrated = new ObjectMapper().readTree(release2.resolve("MIGRATED.json").toFile());
        assertThat(migrated.path("cwd").asText()).isEqualTo(release2.toRealPath().toString());
        assertThat(migrated.path("dotenv").asText()).isEqualTo("GREETING=hello from shared");
        assertThat(migrated.path("STANDBY_HOOK").asText()).isEqualTo("after-install");
        assertThat(migrated.path("STANDBY_APP").asText()).isEqualTo("sample");
        assertThat(migrated.path("STANDBY_COMMIT").asText()).isEqualTo(v2);
        assertThat(migrated.path("STANDBY_RELEASE").asText()).isEqualTo(release2.getFileName().toString());
        assertThat(migrated.path("STANDBY_RELEASE_DIR").asText()).isEqualTo(release2.toString());
        assertThat(migrated.path("STANDBY_PORT").asInt()).isEqualTo(port2);
        assertThat(migrated.path("STANDBY_SLOT").asText()).isEqualTo(port2 == sandbox.bluePort ? "blue" : "green");
        assertThat(migrated.path("STANDBY_PREVIOUS_COMMIT").asText()).isEqualTo(sandbox.adoptedSha());
        assertThat(migrated.path("STANDBY_PREVIOUS_PORT").asInt()).isEqualTo(sandbox.bluePort);
        assertThat(Files.readSymbolicLink(release2.resolve(".env"))).isEqualTo(shared.resolve(".env").toAbsolutePath());
        assertThat(Files.readSymbolicLink(release2.resolve("storage"))).isEqualTo(shared.resolve("storage").toAbsolutePath());
        assertThat(shared.resolve("storage")).isDirectory();
        assertThat(role(port2)).isEqualTo("live runs-once-only-work");
        assertThat(sandbox.current.resolve("STANDBY_ROLE")).as("the adopted v1, in its own directory").hasContent("draining");

        // v3, held at each hook in turn: the roles as the two releases overlap.
        Files.createFile(gates.resolve("before-switch.hold"));
        Files.createFile(gates.resolve("after-switch.hold"));
        sandbox.writeFile("VERSION", "3");
        String v3 = sandbox.commitAndPush("v3");
        await("v3 healthy and held before the switch").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> Files.exists(gates.resolve("before-switch.holding")));
        assertThat(Sandbox.read(gates.resolve("before-switch.holding"))).isEqualTo(v3);
        int port3 = portServing(v3).orElseThrow();
        assertThat(role(port3)).isEqualTo("candidate skips-once-only-work");
        assertThat(role(port2)).isEqualTo("live runs-once-only-work");
        assertThat(servedSha()).isEqualTo(v2);

        Files.delete(gates.resolve("before-switch.hold"));
        await("v3 switched to and held after the switch").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(gates.resolve("after-switch.holding")));
        assertThat(role(port3)).isEqualTo("live runs-once-only-work");
        assertThat(role(port2)).isEqualTo("draining skips-once-only-work");

        Files.delete(gates.resolve("after-switch.hold"));
        await("v3 live, v2 retired").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> servedSha().equals(v3) && sandbox.inFlightJournal().isEmpty() && !Sandbox.isListening(port2));

        // v4: its before-switch hook fails, so it is stopped before any request reaches it.
        sandbox.writeFile("FAIL_before-switch", "");
        sandbox.writeFile("VERSION", "4");
        sandbox.commitAndPush("v4, refused before the switch");
        agent.awaitLog("the before-switch hook failed: php bin/gate.php exited with 3", Duration.ofSeconds(90));
        await("v4 stopped").atMost(Duration.ofSeconds(30)).until(() -> sandbox.inFlightJournal().isEmpty() && !Sandbox.isListening(port2));
        assertThat(agent.log()).contains("before-switch refused: FAIL_before-switch is in the release");
        assertThat(servedSha()).isEqualTo(v3);
        assertThat(sandbox.throughProxy()).isEqualTo("200 standby sample app version 3 on port " + port3);

        // v5: the shared .env has gone, so the release fails before its install, naming the file to create.
        Files.delete(shared.resolve(".env"));
        sandbox.deleteFile("FAIL_before-switch");
        sandbox.writeFile("VERSION", "5");
        String v5 = sandbox.commitAndPush("v5");
        agent.awaitLog("the shared file .env is missing: create " + shared.toAbsolutePath().resolve(".env"), Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.inFlightJournal().isEmpty());
        assertThat(agent.log().lines().filter(line -> line.contains(v5.substring(0, 7) + " -> ") && line.contains("installing")))
                .as("v5 failed at fetching, before its install").isEmpty();
        assertThat(releaseFiles(v5)).as("nothing installed for v5").doesNotContain("vendor", "MIGRATED.json");
        assertThat(servedSha()).isEqualTo(v3);
    }

    /** The commit that answers through nginx: the sample app's health names its release's REVISION. */
    private String servedSha() {
        String health = sandbox.throughProxy("/health");
        return health.startsWith("200 ok ") ? health.substring("200 ok ".length()) : "";
    }

    /** The slot port whose instance answers health naming the commit. */
    private Optional<Integer> portServing(String sha) {
        return List.of(sandbox.bluePort, sandbox.greenPort).stream().filter(port -> get(port, "/health").equals("ok " + sha))
                .findFirst();
    }

    private String role(int port) {
        return get(port, "/role");
    }

    private String get(int port, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().strip();
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The release directory of a commit: release ids end with the commit's short id. */
    private Path releaseOf(String sha) {
        return Sandbox.namesIn(sandbox.releasesDir()).stream().filter(name -> name.endsWith("-" + sha.substring(0, 7)))
                .map(sandbox.releasesDir()::resolve).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no release of " + sha + " in " + sandbox.releasesDir()));
    }

    private List<String> releaseFiles(String sha) {
        return Sandbox.namesIn(sandbox.releasesDir()).stream().anyMatch(name -> name.endsWith("-" + sha.substring(0, 7)))
                ? Sandbox.namesIn(releaseOf(sha)) : List.of();
    }
}
