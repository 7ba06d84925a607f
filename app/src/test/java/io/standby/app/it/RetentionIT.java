package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Old releases go, with their logs; the live one and the roll-back target stay; the history keeps everything. */
class RetentionIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    @Test
    void withTwoKeptOnlyTheLiveReleaseAndTheRollbackTargetStayOnDiskWithTheirLogs() {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_RELOAD).withHandDeployedV1().writeConfig(Sandbox.Timings.QUICK, "keep-releases: 2\n");
        List<String> released = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        for (int version = 2; version <= 5; version++) {
            sandbox.writeFile("VERSION", String.valueOf(version));
            shas.add(sandbox.commitAndPush("v" + version));
            Programs.Ran deploy = sandbox.standby("deploy");
            assertThat(deploy.exit()).as(deploy.all()).isZero();
            released.add(sandbox.liveJournal().orElseThrow().path("release").path("id").path("value").asText());
        }

        String live = released.get(3);
        String rollbackTarget = released.get(2);
        assertThat(Sandbox.namesIn(sandbox.releasesDir())).containsExactly(rollbackTarget, live);
        assertThat(Sandbox.namesIn(sandbox.logsDir())).containsExactly(rollbackTarget + ".log", live + ".log");
        List<JsonNode> history = StreamSupport.stream(sandbox.standbyJson("history").spliterator(), false).toList();
        assertThat(history).extracting(e -> e.path("result").asText())
                .containsExactly("LIVE", "LIVE", "LIVE", "LIVE", "ADOPTED");
        assertThat(history).extracting(e -> e.path("revision").path("sha").asText()).startsWith(
                shas.get(3), shas.get(2), shas.get(1), shas.get(0));
        assertThat(history).allSatisfy(e -> assertThat(e.path("revision").path("message").asText()).isNotEmpty());
        assertThat(history.subList(0, 4)).allSatisfy(e -> assertThat(e.path("timings")).hasSizeGreaterThanOrEqualTo(8));
        assertThat(sandbox.throughProxy()).contains("version 5");

        Programs.Ran back = sandbox.standby("rollback");
        assertThat(back.exit()).as(back.all()).isZero();
        assertThat(sandbox.throughProxy()).contains("version 4");
    }
}
