package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.domain.model.Stage;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent dies by SIGKILL at every stage of a release, from fetching to retiring the old, while keep-alive
 * load runs through nginx; restarted, it must finish or undo the release so that exactly one healthy version
 * serves, nothing it started is left running, the history says what happened, and not one request fails.
 */
class CrashRecoveryIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    static Stream<KillPoint> killPoints() {
        List<KillPoint> points = new ArrayList<>();
        for (Stage stage : List.of(Stage.FETCHING, Stage.INSTALLING, Stage.STARTING, Stage.CHECKING_HEALTH, Stage.SWITCHING,
                Stage.VERIFYING, Stage.DRAINING, Stage.RETIRING)) {
            points.add(KillPoint.asItStarts(stage));
        }
        points.add(KillPoint.inside(Stage.STARTING, "once the new server has written its pid file",
                (sandbox, sha) -> Sandbox.namesIn(sandbox.releasesDir()).stream()
                        .anyMatch(release -> release.endsWith("-" + sha)
                                && Files.exists(sandbox.releasesDir().resolve(release).resolve("Temp/produce.pid"))),
                Duration.ZERO));
        points.add(KillPoint.inside(Stage.SWITCHING, "after nginx.conf was edited, before nginx reloaded",
                (sandbox, sha) -> Sandbox.read(sandbox.nginxConf()).contains("127.0.0.1:" + sandbox.greenPort), Duration.ZERO));
        // The watch window lasts long enough to be killed in by the clock rather than at an event.
        points.add(KillPoint.inside(Stage.VERIFYING, "300 ms into the watch window",
                (sandbox, sha) -> KillPoint.started(sandbox, sha, Stage.VERIFYING), Duration.ofMillis(300)));
        return points.stream();
    }

    @ParameterizedTest(name = "killed at {0}")
    @MethodSource("killPoints")
    void killedAnywhereInAReleaseOneHealthyVersionServesAndNoRequestFails(KillPoint point) {
        killAndRecover(Sandbox.Router.NGINX_RELOAD, point);
    }

    /** The router matters around the switch: the same kills, through the reload-free nginx mode and HAProxy. */
    static Stream<Arguments> killsAroundTheSwitchForEachRouter() {
        return Stream.of(Sandbox.Router.NGINX_FLAG, Sandbox.Router.HAPROXY)
                .flatMap(router -> Stream.of(Stage.STARTING, Stage.SWITCHING, Stage.VERIFYING, Stage.DRAINING, Stage.RETIRING)
                        .map(stage -> Arguments.of(router, KillPoint.asItStarts(stage))));
    }

    @ParameterizedTest(name = "through {0}, killed at {1}")
    @MethodSource("killsAroundTheSwitchForEachRouter")
    void killedAroundTheSwitchThroughOtherRoutersOneHealthyVersionServes(Sandbox.Router router, KillPoint point) {
        killAndRecover(router, point);
    }

    private void killAndRecover(Sandbox.Router router, KillPoint point) {
        sandbox = new Sandbox(scratch, router).withHandDeployedV1().writeConfig(Sandbox.Timings.QUICK, "");
        Process first = sandbox.startAdoptingAgent();

        Recovery recovery = Recovery.ofV2KilledAt(point, sandbox, first);
        String v2 = recovery.v2();
        KeepAliveLoad.Report report = recovery.report();

        Optional<Stage> stageAtKill = recovery.journalAtKill().map(j -> Stage.valueOf(j.path("stage").asText()));
        String path = recovery.path();
        System.out.printf("CRASH killed at %-58s journal at %-16s recovery %-8s load: %s%n", point,
                stageAtKill.map(Stage::label).orElse("-"), path, report);
        String context = "killed at " + point + ", journal at " + stageAtKill + "\nload: " + report + "\nafter restart:\n" + recovery.restartLog();

        assertThat(stageAtKill).as("a deployment is under way in the journal when killed; %s", context).isPresent();
        assertThat(stageAtKill.get()).as(context).isGreaterThanOrEqualTo(point.stage());
        if (stageAtKill.get().compareTo(Stage.SWITCHING) < 0) {
            assertThat(path).as("before the switch the deployment is undone; %s", context).isEqualTo("undone");
        } else if (stageAtKill.get().compareTo(Stage.SWITCHING) > 0) {
            assertThat(path).as("after the switch the deployment is finished; %s", context).isEqualTo("finished");
        } else {
            assertThat(path).as(context).isIn("finished", "undone");
        }

        JsonNode live = sandbox.assertOnlyLiveServes(v2, "2", context);
        Path liveDirectory = Sandbox.journalledDirectory(live.path("release").path("directory").asText());
        assertThat(sandbox.phpProcesses()).as("php processes all belong to the live release in %s; %s", liveDirectory, context)
                .isNotEmpty()
                // A process of the live group caught while it exits holds no file any more: it belongs by its group.
                .allSatisfy(php -> PhpProcesses.home(php.pid(), sandbox.root).ifPresent(home -> assertThat(home).startsWith(liveDirectory)));
        assertThat(sandbox.phpServers()).as(context).hasSize(1);

        List<JsonNode> history = sandbox.historyJournal();
        assertThat(history).extracting(e -> e.path("result").asText()).as("history, oldest first; %s", context)
                .containsExactly("ADOPTED", "RECOVERED", "LIVE");
        assertThat(history.get(2).path("revision").path("sha").asText()).isEqualTo(v2);
        JsonNode recovered = history.get(1);
        assertThat(recovered.path("revision").path("sha").asText()).isEqualTo(v2);
        assertThat(recovered.path("stage").asText()).isEqualTo(stageAtKill.get().name());
        assertThat(recovered.path("reason").asText()).contains(path);
        List<String> known = history.stream().map(e -> e.path("release").path("id").path("value").asText()).toList();
        // Hidden ".<id>.partial-*" staging directories of an export cut short are the git adapter's to clean up.
        assertThat(Sandbox.namesIn(sandbox.releasesDir())).filteredOn(name -> !name.startsWith("."))
                .as("every release directory is a release in the history; %s", context)
                .isNotEmpty()
                .allMatch(known::contains);

        assertThat(report.failures()).as("failed requests; %s", context).isEmpty();
        assertThat(report.bodies().keySet()).anyMatch(b -> b.contains("version 2"));
    }
}
