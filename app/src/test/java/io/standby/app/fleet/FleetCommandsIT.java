package io.standby.app.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.adapters.zookeeper.ZooKeeperFleet;
import io.standby.app.config.ConfigLoaderTest;
import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;
import io.standby.domain.fleet.CanarySize;
import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.Conductor;
import io.standby.domain.fleet.FleetChange;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.HostReport;
import io.standby.domain.fleet.HostState;
import io.standby.domain.fleet.RolloutPolicy;
import io.standby.domain.model.Outcome;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `standby fleet ...` as an operator types it (the fat jar), against a real ZooKeeper server in which two hosts have
 * joined and their leader has begun rolling out a commit. The leader here is the domain's Conductor stepped by the
 * test, so that each command's effect is seen exactly when the leader applies it.
 */
class FleetCommandsIT {

    private static final CommitId V1 = new CommitId("1".repeat(40));
    private static final CommitId V2 = new CommitId("2".repeat(40));
    private static final RolloutPolicy POLICY = new RolloutPolicy(1, new CanarySize.Hosts(1), Duration.ofHours(1),
            true, Duration.ofHours(1));

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private final List<ZooKeeperFleet> hosts = new ArrayList<>();
    private Path config;

    @BeforeEach
    void twoHostsRollingOutACommit() throws Exception {
        // Owned before the hosts, so closed after them.
        TestingServer zookeeper = scratch.own(new TestingServer(true));
        config = writeConfig("fleet:\n  zookeeper: " + zookeeper.getConnectString() + "\n  name: shop\n  host: ops-1\n");
        for (String name : List.of("web-1", "web-2")) {
            ZooKeeperFleet host = ZooKeeperFleet.connect(new ZooKeeperFleet.Settings(zookeeper.getConnectString(), "shop",
                    new HostName(name), Duration.ofSeconds(10), Duration.ofSeconds(5)));
            hosts.add(scratch.own(host));
            host.coordination().join();
            host.coordination().report(new HostReport(new HostName(name), Optional.empty(), Optional.empty(),
                    Optional.of(V1), Optional.of("blue"), HostState.SERVING, "", Instant.now()));
            // The first to join leads.
            await().atMost(Duration.ofSeconds(20)).until(() -> hosts.get(0).leadership().isLeader());
        }
        lead();
    }

    @Test
    void statusShowsTheRolloutsPhaseAndEveryHostAsJsonAndForAPerson() {
        JsonNode status = json("status");
        Programs.Ran text = standby("fleet", "status");

        assertThat(status.path("format").asInt()).isEqualTo(1);
        assertThat(status.path("fleet").asText()).isEqualTo("shop");
        assertThat(status.path("leader").asText()).isEqualTo("web-1");
        JsonNode rollout = status.path("rollout");
        assertThat(rollout.path("phase").asText()).isEqualTo("canary");
        assertThat(rollout.path("commit").asText()).isEqualTo(V2.sha());
        assertThat(rollout.path("previous").asText()).isEqualTo(V1.sha());
        assertThat(rollout.path("canary")).extracting(JsonNode::asText).containsExactly("web-1");
        assertThat(rollout.path("batchSize").asInt()).isEqualTo(1);
        assertThat(rollout.path("canaryHosts").asInt()).isEqualTo(1);
        assertThat(rollout.path("canaryPercent").isNull()).isTrue();
        assertThat(rollout.path("canarySoak").asText()).isEqualTo("PT1H");
        assertThat(rollout.path("awaitPromotion").asBoolean()).isTrue();
        JsonNode canary = status.path("hosts").get(0);
        assertThat(canary.path("host").asText()).isEqualTo("web-1");
        assertThat(canary.path("registered").asBoolean()).isTrue();
        assertThat(canary.path("leader").asBoolean()).isTrue();
        assertThat(canary.path("inFlight").asBoolean()).isTrue();
        assertThat(canary.path("told").path("commit").asText()).isEqualTo(V2.sha());
        assertThat(canary.path("told").path("rollout").asText()).isEqualTo(rollout.path("id").asText());
        assertThat(canary.path("serving").asText()).isEqualTo(V1.sha());
        assertThat(canary.path("slot").asText()).isEqualTo("blue");
        assertThat(canary.path("state").asText()).isEqualTo("serving");
        assertThat(Instant.parse(canary.path("reportedAt").asText())).isBefore(Instant.now());
        JsonNode other = status.path("hosts").get(1);
        assertThat(other.path("host").asText()).isEqualTo("web-2");
        assertThat(other.path("inFlight").asBoolean()).isFalse();
        assertThat(other.path("leader").asBoolean()).isFalse();
        assertThat(status.path("hosts")).hasSize(2);
        assertThat(text.exit()).as(text.all()).isZero();
        assertThat(text.out()).contains("leader:   web-1", "canary since", "web-1 (leader)", "in flight", "web-2",
                "registered", "batch 1, canary [web-1] soaking 1h then awaiting promotion");
    }

    @Test
    void pauseAndResumeAreLeftForTheLeaderWhichAppliesThemToTheRolloutTheyName() {
        String rollout = json("status").path("rollout").path("id").asText();

        JsonNode paused = json("pause");
        Programs.Ran notYet = standby("fleet", "resume");
        lead();
        boolean pausedAfter = json("status").path("rollout").path("paused").asBoolean();
        Programs.Ran resumed = standby("fleet", "resume");
        lead();

        assertThat(paused.path("format").asInt()).isEqualTo(1);
        assertThat(paused.path("command").asText()).isEqualTo("pause");
        assertThat(paused.path("rollout").asText()).isEqualTo(rollout);
        assertThat(notYet.exit()).as("resume before the pause applies: " + notYet.all()).isEqualTo(2);
        assertThat(notYet.err()).contains("rollout " + rollout + " is not paused");
        assertThat(pausedAfter).isTrue();
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("resume: left for the leader of fleet shop, for rollout " + rollout);
        assertThat(json("status").path("rollout").path("paused").asBoolean()).isFalse();
    }

    @Test
    void promoteIsTakenAndAbortMarksTheCommitBadWithTheOperatorsReason() {
        Programs.Ran promoted = standby("fleet", "promote");
        lead();
        boolean promotedAfter = json("status").path("rollout").path("promoted").asBoolean();

        JsonNode aborted = json("abort", "the", "canary", "is", "slow");
        lead();
        JsonNode status = json("status");

        assertThat(promoted.exit()).as(promoted.all()).isZero();
        assertThat(promotedAfter).isTrue();
        assertThat(aborted.path("command").asText()).isEqualTo("abort");
        assertThat(aborted.path("reason").asText()).isEqualTo("the canary is slow");
        assertThat(status.path("rollout").path("phase").asText()).isEqualTo("aborting");
        assertThat(status.path("rollout").path("reason").asText()).isEqualTo("aborted by an operator: the canary is slow");
        assertThat(status.path("bad")).extracting(JsonNode::asText).containsExactly(V2.sha());
        assertThat(standby("fleet", "pause").err()).contains("is aborting: there is nothing to pause");
    }

    @Test
    void aServerWithoutAFleetSectionIsToldSoAndAnUnreachableEnsembleIsTheEnvironments() throws IOException {
        Path alone = writeConfig("");
        Programs.Ran noFleet = standby("fleet", "status", "-c", alone.toString());
        Path away = writeConfig("fleet:\n  zookeeper: 127.0.0.1:" + Loopback.freePort()
                + "\n  host: ops-1\n  session-timeout: 2s\n  connection-timeout: 500ms\n");
        Programs.Ran unreachable = standby("fleet", "pause", "-c", away.toString());
        Programs.Ran bare = standby("fleet");

        assertThat(noFleet.exit()).isEqualTo(2);
        assertThat(noFleet.err()).contains(alone + " has no fleet section");
        assertThat(unreachable.exit()).as(unreachable.all()).isEqualTo(4);
        assertThat(unreachable.err()).contains("standby: cannot").doesNotContain("bug");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("standby fleet status|promote|pause|resume|abort");
    }

    /** One step of the leader, as its agent takes it: decide from the fleet as it is, write it fenced. */
    private void lead() {
        ZooKeeperFleet leader = hosts.get(0);
        FleetChange change = new Conductor(POLICY).decide(leader.coordination().view(), Optional.of(V2), Instant.now());
        assertThat(leader.leadership().apply(change)).isEqualTo(Outcome.done());
    }

    private JsonNode json(String... fleetArgs) {
        List<String> args = new ArrayList<>(List.of("fleet"));
        args.addAll(List.of(fleetArgs));
        args.add("--json");
        Programs.Ran ran = standby(args.toArray(String[]::new));
        assertThat(ran.exit()).as(ran.all()).isZero();
        try {
            return new ObjectMapper().readTree(ran.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + ran.all(), e);
        }
    }

    private Programs.Ran standby(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Sandbox.JAR.toString()));
        command.addAll(List.of(args));
        if (!command.contains("-c")) {
            command.addAll(List.of("-c", config.toString()));
        }
        return Programs.run(scratch.dir(), Duration.ofMinutes(1), command);
    }

    private Path writeConfig(String fleet) throws IOException {
        String yaml = ConfigLoaderTest.VALID.replace("/var/lib/standby/shop", scratch.dir().resolve("state").toString()) + fleet;
        return Files.writeString(Files.createTempFile(scratch.dir(), "standby", ".yml"), yaml);
    }
}
