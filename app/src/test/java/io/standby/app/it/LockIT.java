package io.standby.app.it;

import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One agent per application: the OS file lock turns a second one away by name, and dies with its holder. */
class LockIT {

    private static final int BUSY = 3;

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    @Test
    void aDeployOrASecondAgentWhileTheAgentRunsExitsBusyNamingTheHoldersPid() {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_RELOAD).withHandDeployedV1().writeConfig("");
        Process agent = sandbox.startAdoptingAgent();

        for (String[] command : new String[][] {{"deploy"}, {"run"}, {"rollback"}}) {
            Programs.Ran refused = sandbox.standby(command);
            assertThat(refused.exit()).as("standby %s: %s", command[0], refused.all()).isEqualTo(BUSY);
            assertThat(refused.err()).as("standby %s", command[0])
                    .contains("pid " + agent.pid())
                    .contains("another Standby agent");
        }
        assertThat(sandbox.standbyJson("history")).as("nothing was released").hasSize(1);
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void aLockHeldByAKilledAgentIsFreeAtOnceWithoutAnyManualUnlock() {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_RELOAD).withHandDeployedV1().writeConfig("");
        Process agent = sandbox.startAdoptingAgent();

        Sandbox.kill(agent);
        // The file stays and still names the dead holder: only the kernel's lock counts.
        assertThat(Sandbox.read(sandbox.state.resolve("agent.lock"))).contains("pid " + agent.pid());
        sandbox.writeFile("VERSION", "2");
        String v2 = sandbox.commitAndPush("v2: say version 2");
        Programs.Ran deploy = sandbox.standby("deploy");

        assertThat(deploy.exit()).as(deploy.all()).isZero();
        assertThat(deploy.out()).contains("live:").contains(v2.substring(0, 7));
        assertThat(sandbox.throughProxy()).isEqualTo("200 standby sample app version 2 on port " + sandbox.greenPort);
        assertThat(Sandbox.read(sandbox.state.resolve("agent.lock"))).contains("(deploy)").doesNotContain("pid " + agent.pid() + " ");
    }
}
