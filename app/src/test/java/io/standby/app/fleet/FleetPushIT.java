package io.standby.app.fleet;

import io.standby.app.it.GitHubPush;
import io.standby.app.it.Sandbox;
import io.standby.domain.fleet.FleetView;
import io.standby.testsupport.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet whose leader reads the branch once a minute: the forge's signed push, sent to every agent's listener as the
 * README says to set the webhook, wakes the leader, which starts the rollout within seconds.
 */
class FleetPushIT {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final String FLEET = "  zookeeper: %s\n  name: shop\n  batch-size: 1\n  canary: 1\n"
            + "  canary-soak: 0s\n  host-deadline: 2m\n  session-timeout: 10s\n  connection-timeout: 3s\n";

    @RegisterExtension
    final FleetScene scene = new FleetScene();

    private final List<Integer> listenPorts = List.of(Loopback.freePort(), Loopback.freePort());

    @Test
    void aSignedPushStartsTheRolloutAtOnceThoughTheLeaderReadsTheBranchOnceAMinute() throws Exception {
        FleetRepository repository = scene.repository;
        List<FleetServer> servers = scene.servers;
        for (int i = 0; i < listenPorts.size(); i++) {
            scene.join("web-" + (i + 1), Sandbox.Router.HAPROXY, FLEET).listeningForPushes(listenPorts.get(i));
        }
        servers.forEach(server -> server.startAgent(Map.of("STANDBY_WEBHOOK_SECRET", SECRET)));
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            FleetView view = scene.view();
            return view.observed().size() == servers.size() && view.leader().isPresent()
                    && listenPorts.stream().allMatch(Loopback::listening);
        });

        // Only the leader reads the branch, and its first read makes the mirror. A push before that read would be
        // found by the read, not announced by the hook, which is what this test is about.
        await("the leader's first read of the branch").atMost(Duration.ofSeconds(30))
                .until(() -> servers.stream().anyMatch(server -> server.agentLog().contains("mirrored branch 'master'")));
        String v2 = repository.push("VERSION", "2", "v2: say version 2");
        await("no rollout while the leader waits out its minute").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> scene.rolloutOf(v2).isEmpty());
        long pushed = System.nanoTime();
        for (int port : listenPorts) {
            HttpResponse<String> answer = GitHubPush.send(port, v2, SECRET);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        await("the rollout of v2 begun").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> scene.rolloutOf(v2).isPresent());
        long pushToRollout = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pushed);
        await("the rollout of v2 done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> scene.rolloutOf(v2).filter(r -> r.phase().key().equals("done")).isPresent());

        System.out.printf("push to rollout begun: %.1f s%n", pushToRollout / 1000.0);
        assertThat(pushToRollout).as("the rollout began this long after the push, in ms").isLessThan(10_000);
        for (FleetServer server : servers) {
            assertThat(server.answer()).as(server.name).startsWith("200 ").endsWith("version 2 on port " + server.greenPort);
        }
        String leader = scene.view().leader().orElseThrow().value();
        FleetServer leading = servers.stream().filter(s -> s.name.equals(leader)).findFirst().orElseThrow();
        assertThat(leading.agentLog()).contains("a push to master was announced by github");
        for (FleetServer server : servers) {
            assertThat(server.stopAgent()).as(server.name + " stopped by SIGTERM").isZero();
        }
    }

}
