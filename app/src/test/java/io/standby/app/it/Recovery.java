package io.standby.app.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * What the agent killed partway through the release of version 2, and another started after it, left: the journal as
 * the kill found it, the restarted agent's log and the load that ran across both. The crash tests of every router and
 * runtime release and kill the same way; they differ in where they kill and in what they check after.
 */
record Recovery(String v2, Optional<JsonNode> journalAtKill, String restartLog, KeepAliveLoad.Report report) {

    /**
     * Pushes version 2 under paced keep-alive load, kills {@code agent} at {@code point}, starts another agent and
     * waits until it has settled on version 2 and the load has gone on after.
     */
    static Recovery ofV2KilledAt(KillPoint point, Sandbox sandbox, Process agent) {
        try (KeepAliveLoad load = new KeepAliveLoad(sandbox.proxyPort, KeepAliveLoad.PACED, 4)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() > 100);
            sandbox.writeFile("VERSION", "2");
            String v2 = sandbox.commitAndPush("v2: say version 2");
            String sha = v2.substring(0, 7);
            await("the kill point " + point).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> point.reached().test(sandbox, sha));
            if (!point.delay().isZero()) {
                await().pollDelay(point.delay()).atMost(point.delay().plusSeconds(1)).until(() -> true);
            }
            Sandbox.kill(agent);
            Optional<JsonNode> journalAtKill = sandbox.inFlightJournal();
            int mark = sandbox.agentLog().length();

            sandbox.startAgent();
            await("the restarted agent brings " + sha + " live and settles").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).until(() -> sandbox.settledOn(v2));
            long settled = load.succeeded();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.succeeded() > settled + 200);
            KeepAliveLoad.Report report = load.stop();
            return new Recovery(v2, journalAtKill, sandbox.agentLog().substring(mark), report);
        }
    }

    /** What the restarted agent did with the release it found under way: finished, undone, or none. */
    String path() {
        return restartLog.contains("finishing the deployment") ? "finished" : restartLog.contains("undid the interrupted") ? "undone" : "none";
    }
}
