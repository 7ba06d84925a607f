package io.standby.app.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class AgentLockTest {

    @TempDir
    Path state;

    @Test
    void aSecondAgentIsRefusedWithTheHoldersPid() {
        long pid = ProcessHandle.current().pid();
        try (AgentLock first = AgentLock.acquire(state, "run")) {
            assertThatThrownBy(() -> AgentLock.acquire(state, "deploy"))
                    .isInstanceOf(AgentLock.LockHeldException.class)
                    .hasMessageContaining("pid " + pid + " (run)")
                    .hasMessageContaining("kill " + pid);
        }
    }

    @Test
    void theLockIsFreeAgainOnceReleased() {
        AgentLock.acquire(state, "run").close();

        assertThatCode(() -> AgentLock.acquire(state, "deploy").close()).doesNotThrowAnyException();
    }
}
