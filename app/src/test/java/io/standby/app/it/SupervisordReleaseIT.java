package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.domain.model.Stage;
import io.standby.testsupport.Scratch;
import io.standby.testsupport.Supervisord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole agent with {@code service.runtime: supervisord}, against Debian's real supervisord: v1 runs as the blue
 * slot's program, started by supervisord itself, and the agent adopts it; releases then go through supervisorctl under
 * keep-alive load through nginx (flag mode), and nothing is ever left for supervisord to restart.
 */
class SupervisordReleaseIT {

    private static final Sandbox.Router ROUTER = Sandbox.Router.NGINX_FLAG;
    private static final Duration START = Duration.ofSeconds(30);
    // No -d: supervisord keeps EasySwoole in the foreground.
    private static final String COMMAND = "php easyswoole.php server start -mode=produce";
    private static final Set<String> IDLE = Set.of("STOPPED", "EXITED");

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    private Supervisord supervisord;
    private Process firstAgent;

    @Test
    void aReleaseGoesLiveInGreenAndBluesProgramIsStopped() {
        v1UnderSupervisord(Sandbox.Timings.DEFAULT);

        KeepAliveLoad.Report report;
        String v2;
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, "/", 4)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() > 200);
            sandbox.writeFile("VERSION", "2");
            v2 = sandbox.commitAndPush("v2: say version 2");
            sandbox.awaitVersion2LiveInGreen(load, Duration.ofSeconds(120));
            report = load.stop();
        }
        System.out.println("SUPERVISORD release to green, load: " + report);
        String context = "load: " + report + "\nagent log:\n" + sandbox.agentLog() + "\nsupervisorctl status:\n" + ctl("status");

        assertThat(report.failures()).as("failed requests; %s", context).isEmpty();
        assertThat(report.idleResets()).as(context).isZero();
        assertThat(report.bodies().keySet()).anyMatch(b -> b.contains("version 1")).anyMatch(b -> b.contains("version 2"));
        assertThat(state("green")).as(context).isEqualTo("RUNNING");
        assertStaysIdle("blue", context);
        assertThat(Files.exists(link("blue"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .as("the stopped slot's link is removed, so supervisord cannot start v1 again; %s", context).isFalse();
        JsonNode live = sandbox.standbyJson("status").path("live");
        assertThat(live.path("release").path("revision").path("sha").asText()).isEqualTo(v2);
        assertThat(live.path("slot").path("port").asInt()).isEqualTo(sandbox.greenPort);
        assertOnlyLivePhp(Sandbox.journalledDirectory(live.path("release").path("directory").asText()), context);
        assertThat(sandbox.standby("history").out()).contains("v2: say version 2").contains("live");
    }

    @Test
    void aReleaseThatCrashesAtBootFailsAtStartingAndV1KeepsServing() {
        v1UnderSupervisord(Sandbox.Timings.DEFAULT);

        KeepAliveLoad.Report report;
        String broken;
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, "/", 4)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() > 200);
            sandbox.writeFile("BOOT_CRASH", "");
            broken = sandbox.commitAndPush("v2: crashes at boot");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> sandbox.standby("status").out().contains("last failure: " + broken.substring(0, 7)));
            // supervisord must not be left retrying the crashing release: green stays down for seconds of polls.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !isActive(state("green")) && !Sandbox.isListening(sandbox.greenPort));
            long afterFailure = load.succeeded();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() > afterFailure + 200);
            report = load.stop();
        }
        String status = sandbox.standby("status").out();
        System.out.println("SUPERVISORD boot crash in green, green " + state("green") + ", load: " + report + "\n" + status);
        String context = "load: " + report + "\nstatus:\n" + status + "\nagent log:\n" + sandbox.agentLog()
                + "\nsupervisorctl status:\n" + ctl("status");

        assertThat(report.failures()).as("failed requests; %s", context).isEmpty();
        assertThat(report.bodies().keySet()).as(context).allMatch(b -> b.contains("version 1 on port " + sandbox.bluePort));
        assertThat(status).as(context).contains("failed at starting").contains("sample-green").contains("BOOT_CRASH");
        assertThat(sandbox.throughProxy()).isEqualTo("200 standby sample app version 1 on port " + sandbox.bluePort);
        assertThat(state("blue")).as(context).isEqualTo("RUNNING");
        // FATAL (supervisord gave up its retries before the agent's stop) restarts nothing either.
        assertThat(state("green")).as(context).isIn("STOPPED", "EXITED", "FATAL");
        assertThat(sandbox.historyShas()).as("attempts, newest first; %s", context).containsExactly(broken, sandbox.adoptedSha());
        assertOnlyLivePhp(sandbox.current, context);
    }

    @Test
    void killedAsTheSwitchStartsTheRestartedAgentLeavesOneHealthyVersion() {
        v1UnderSupervisord(Sandbox.Timings.QUICK);
        Process first = firstAgent;

        Recovery recovery = Recovery.ofV2KilledAt(KillPoint.asItStarts(Stage.SWITCHING), sandbox, first);
        Optional<JsonNode> journalAtKill = recovery.journalAtKill();
        KeepAliveLoad.Report report = recovery.report();
        String path = recovery.path();
        System.out.printf("SUPERVISORD killed at switching, journal at %s, recovery %s, load: %s%n",
                journalAtKill.map(j -> j.path("stage").asText()).orElse("-"), path, report);
        String context = "journal at kill: " + journalAtKill + "\nload: " + report + "\nafter restart:\n" + recovery.restartLog()
                + "\nsupervisorctl status:\n" + ctl("status");

        assertThat(journalAtKill).as("a deployment is under way in the journal when killed; %s", context).isPresent();
        assertThat(path).as(context).isIn("finished", "undone");
        JsonNode live = sandbox.assertOnlyLiveServes(recovery.v2(), "2", context);
        int livePort = live.path("slot").path("port").asInt();
        String liveSlot = livePort == sandbox.bluePort ? "blue" : "green";
        String idleSlot = livePort == sandbox.bluePort ? "green" : "blue";
        assertThat(state(liveSlot)).as(context).isEqualTo("RUNNING");
        assertStaysIdle(idleSlot, context);
        assertOnlyLivePhp(Sandbox.journalledDirectory(live.path("release").path("directory").asText()), context);
        assertThat(sandbox.historyJournal()).extracting(e -> e.path("result").asText()).as("history, oldest first; %s", context)
                .containsExactly("ADOPTED", "RECOVERED", "LIVE");
        assertThat(report.failures()).as("failed requests; %s", context).isEmpty();
        assertThat(report.idleResets()).as(context).isZero();
        assertThat(report.bodies().keySet()).anyMatch(b -> b.contains("version 2"));
    }

    // --- v1 as supervisord's program, adopted by the agent ---

    /**
     * The sandbox's v1 checkout, installed with blue's port, run as supervisord's blue program instead of the sandbox's
     * hand-started daemon; then the agent, configured for the supervisord runtime, is started and adopts it.
     */
    private void v1UnderSupervisord(Sandbox.Timings timings) {
        sandbox = new Sandbox(scratch, ROUTER).withHandDeployedV1();
        // The sandbox starts v1 as a -d daemon: under supervisord there is none, so it goes before supervisord starts v1.
        PhpProcesses.kill(sandbox.root);
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.phpProcesses().isEmpty() && !Sandbox.isListening(sandbox.bluePort));
        try {
            Files.deleteIfExists(sandbox.current.resolve("Temp/produce.pid"));
            Files.createDirectories(sandbox.state.resolve("slots"));
            Files.createSymbolicLink(link("blue"), sandbox.current);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startSupervisord();
        assertThat(ctl("start", "sample-blue")).contains("started");
        await().atMost(START).until(() -> "RUNNING".equals(state("blue")) && Sandbox.isListening(sandbox.bluePort));
        assertThat(sandbox.throughProxy()).isEqualTo("200 standby sample app version 1 on port " + sandbox.bluePort);

        sandbox.writeConfig(timings, "");
        String yaml = Sandbox.read(sandbox.config);
        String supervised = yaml
                // No adopt-directory: the runtime locates v1 as the directory of blue's program.
                .replace("adopt-directory: " + sandbox.current + "\n", "")
                .replace("service:\n  mode: produce\n  start-timeout: 15s\n",
                        "service:\n  runtime: supervisord\n  supervisord:\n    config: " + supervisord.config()
                                + "\n  mode: produce\n  start-timeout: " + START.toSeconds() + "s\n");
        assertThat(supervised).contains("runtime: supervisord").doesNotContain("adopt-directory");
        Sandbox.writeTo(sandbox.config, supervised);

        firstAgent = sandbox.startAdoptingAgent();
        JsonNode adopted = sandbox.liveJournal().orElseThrow();
        assertThat(Sandbox.journalledDirectory(adopted.path("release").path("directory").asText())).as(sandbox.agentLog())
                .isEqualTo(sandbox.current.toAbsolutePath().normalize());
        assertThat(adopted.path("release").path("revision").path("sha").asText()).isEqualTo(sandbox.adoptedSha());
        assertThat(adopted.path("slot").path("port").asInt()).isEqualTo(sandbox.bluePort);
    }

    /** The idle slot's program stays down, not merely between two of supervisord's restarts, and holds no PHP. */
    private void assertStaysIdle(String slot, String context) {
        await("the " + slot + " program stays down; " + context).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250)).until(() -> IDLE.contains(state(slot)));
    }

    /** Every PHP process of the sandbox lives in the live release's directory: none of the idle slot's. */
    private void assertOnlyLivePhp(Path liveDirectory, String context) {
        Path real = realPath(liveDirectory);
        assertThat(sandbox.phpProcesses()).as("php processes all belong to %s; %s", real, context)
                .isNotEmpty()
                .allSatisfy(php -> PhpProcesses.home(php.pid(), sandbox.root)
                        .ifPresent(home -> assertThat(home).startsWith(real)));
    }

    // --- supervisord ---

    private Path link(String slot) {
        return sandbox.state.resolve("slots").resolve(slot);
    }

    private void startSupervisord() {
        // As the README has it, except autostart: the test starts v1 itself.
        supervisord = scratch.own(Supervisord.start(sandbox.root.resolve("supervisor"), List.of(
                new Supervisord.Program("sample-blue", link("blue"), COMMAND, 8),
                new Supervisord.Program("sample-green", link("green"), COMMAND, 8))));
    }

    private String ctl(String... arguments) {
        return supervisord.ctl(arguments);
    }

    /** The slot's program's state word as supervisorctl status prints it: RUNNING, STOPPED, BACKOFF... */
    private String state(String slot) {
        return supervisord.state("sample-" + slot);
    }

    private static boolean isActive(String state) {
        return Set.of("RUNNING", "STARTING", "BACKOFF", "STOPPING").contains(state);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
