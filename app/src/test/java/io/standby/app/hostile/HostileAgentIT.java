package io.standby.app.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.app.it.KeepAliveLoad;
import io.standby.app.it.Programs;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Agent: the agent itself under pressure: a second agent, a stop request in the middle of a release, and a
 * state directory that fills up. Each case has a server of its own, since each ends with a new release live.
 */
class HostileAgentIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private static final Duration SAY_SO = Duration.ofSeconds(30);

    private Scene scene;

    @Test
    void aSecondAgentIsTurnedAwayAndTheFirstCarriesOn() {
        scene = Scene.v1BehindNginx(scratch);
        Scene.Agent first = scene.agent(scene.sandbox.config, Map.of());
        first.awaitLog("as the live release", SAY_SO);
        long pid = first.process().pid();

        Programs.Ran second = scene.standby("run");
        Programs.Ran deploy = scene.standby("deploy");

        for (Programs.Ran refused : new Programs.Ran[] {second, deploy}) {
            assertThat(refused.exit()).as(refused.all()).isEqualTo(3);
            assertThat(refused.err()).contains("another Standby agent is already working on this application (pid " + pid + " (run))")
                    .contains("wait for it to finish, or stop it first: kill " + pid);
        }
        assertThat(first.process().isAlive()).isTrue();
        assertThat(scene.serving()).contains(scene.v1OnBlue());
        assertThat(first.terminate(SAY_SO)).isZero();
        assertThat(first.log()).doesNotContain("ERROR").doesNotContain("Exception");
    }

    @Test
    void sigtermDuringAReleaseFinishesItThenExitsZero() {
        scene = Scene.v1BehindNginx(scratch);
        Scene.Agent agent = scene.agent(scene.sandbox.config, Map.of());
        agent.awaitLog("as the live release", SAY_SO);
        Path inFlight = scene.sandbox.state.resolve("in-flight.json");
        int[] exit = new int[1];

        KeepAliveLoad.Report load = scene.underLoad(() -> {
            scene.sandbox.writeFile("VERSION", "2");
            scene.sandbox.writeFile("SLOW_BOOT", "2");
            scene.commit("v2, slow to boot");
            await().atMost(SAY_SO).pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(inFlight));
            exit[0] = agent.terminate(Duration.ofSeconds(90));
        });

        assertThat(exit[0]).as("exit code; log:\n%s", agent.log()).isZero();
        assertThat(agent.log()).contains("asked to stop (SIGTERM): finishing the release under way first")
                .contains("standby sample stopped");
        assertThat(load.failures()).as("%s", load).isEmpty();
        assertThat(Files.exists(inFlight)).as("a release left under way").isFalse();
        JsonNode status = scene.status();
        assertThat(status.path("inFlight").isNull()).isTrue();
        assertThat(status.at("/live/release/revision/message").asText().strip()).isEqualTo("v2, slow to boot");
        assertThat(status.at("/live/slot/name").asText()).isEqualTo("green");
        assertThat(scene.serving()).contains("version 2 on port " + scene.sandbox.greenPort);
        assertThat(scene.sandbox.phpServers()).as("the old release was retired").hasSize(1);
        assertThat(scene.halfWritten()).isEmpty();
    }

    @Test
    void aFullDiskWhileWritingStateLosesNothingAndTheReleaseFollowsOnceThereIsRoom() throws IOException {
        scene = Scene.v1BehindNginx(scratch);
        Path small = scene.root().resolve("small");
        Assumptions.assumeTrue(scene.mountTmpfs(small, "size=24m"),
                "assumes `mount -t tmpfs -o size=24m` works here (root with CAP_SYS_ADMIN), to give the state directory a disk that fills up");
        Path state = small.resolve("state");
        Path config = scene.configWith("small.yml", "state-dir: " + scene.sandbox.state, "state-dir: " + state);
        Scene.Agent agent = scene.agent(config, Map.of());
        agent.awaitLog("as the live release", SAY_SO);
        await().atMost(SAY_SO).until(() -> Files.exists(state.resolve("source.json")));
        byte[] live = Files.readAllBytes(state.resolve("live.json"));
        Path filler = small.resolve("filler");

        KeepAliveLoad.Report load = scene.underLoad(() -> {
            fill(filler);
            scene.sandbox.writeFile("VERSION", "2");
            scene.commit("v2 while the disk is full");
            agent.awaitLog("cannot write " + state.resolve("source.json") + " (No space left on device): free disk space on that file system", SAY_SO);
            agent.awaitLog("failed: no space left on device for the mirror at " + state.resolve("mirror.git")
                    + ". Free disk space on that file system; the next poll fetches again", SAY_SO);
            assertThat(scene.halfWritten()).as("temp files left by failed writes").isEmpty();
            assertThat(scene.status(config).at("/live/release/revision/message").asText().strip()).isEqualTo("v1");
            assertThat(scene.serving()).contains(scene.v1OnBlue());
            assertThat(read(state.resolve("live.json"))).as("live.json is whole and unchanged").isEqualTo(live);

            delete(filler);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> scene.serving().contains("version 2 on port " + scene.sandbox.greenPort));
        });

        assertThat(load.failures()).as("%s", load).isEmpty();
        assertThat(Pattern.compile("poll failed: .*the live release keeps serving; the live release keeps serving").matcher(agent.log()).find())
                .as("the reason is said once").isFalse();
        assertThat(agent.terminate(SAY_SO)).isZero();
        assertThat(scene.status(config).at("/live/release/revision/message").asText().strip()).isEqualTo("v2 while the disk is full");
        assertThat(scene.halfWritten()).isEmpty();
        try (var files = Files.walk(state.resolve("mirror.git"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("incoming_") || n.startsWith("tmp_")))
                    .as("pack files left half-written in the mirror").isEmpty();
        }
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
