package io.standby.adapters.zookeeper;

import io.standby.domain.fleet.CanarySize;
import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.FleetCommand;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.Phase;
import io.standby.domain.fleet.Rollout;
import io.standby.domain.fleet.RolloutId;
import io.standby.domain.fleet.RolloutPolicy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phase and command names the coordination nodes hold are a format that agents of different versions share: the
 * domain spells each once, and these pin the spelling, so that renaming a key in the code cannot pass unnoticed.
 */
class FleetDocumentsTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final CommitId COMMIT = new CommitId("a".repeat(40));
    private static final RolloutId ROLLOUT = RolloutId.of(AT, COMMIT);

    private final FleetDocuments documents = new FleetDocuments();

    @Test
    void eachPhaseIsWrittenUnderItsPublishedNameAndReadBack() {
        Map<String, Phase> published = Map.of("canary", new Phase.Canary(), "canary-soak", new Phase.CanarySoak(AT),
                "awaiting-promotion", new Phase.AwaitingPromotion(AT), "rolling", new Phase.Rolling(AT), "done",
                new Phase.Done(AT), "aborting", new Phase.Aborting("bad", AT), "aborted", new Phase.Aborted("bad", AT));

        published.forEach((name, phase) -> {
            byte[] written = documents.rollout(rollout(phase));

            assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"phase\":\"" + name + "\"");
            assertThat(documents.rollout(written).phase()).isEqualTo(phase);
        });
    }

    @Test
    void eachCommandIsWrittenUnderItsPublishedNameAndReadBack() {
        Map<String, FleetCommand> published = Map.of("promote", new FleetCommand.Promote(ROLLOUT), "pause",
                new FleetCommand.Pause(ROLLOUT), "resume", new FleetCommand.Resume(ROLLOUT), "abort",
                new FleetCommand.Abort(ROLLOUT, "bad"));

        published.forEach((name, command) -> {
            byte[] written = documents.command(command);

            assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"command\":\"" + name + "\"");
            assertThat(documents.command(written)).isEqualTo(command);
        });
    }

    private static Rollout rollout(Phase phase) {
        RolloutPolicy policy = new RolloutPolicy(1, new CanarySize.Hosts(1), Duration.ofSeconds(2), false, Duration.ofMinutes(5));
        return new Rollout(ROLLOUT, COMMIT, Optional.empty(), policy, List.of(new HostName("host-a")), phase, false, false, AT);
    }
}
