package io.standby.testsupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a test starts in its scratch directory is gone after it, and so is the directory; what {@code @BeforeAll}
 * starts lives as long as the class. The tests run in order: the second looks at what the first left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScratchTest {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Path classDir;
    private Process classProcess;
    private Path firstDir;
    private Process firstProcess;
    private long firstDaemon;

    @BeforeAll
    void startOnceForTheClass() throws IOException {
        classDir = scratch.dir();
        classProcess = scratch.own(sleeper(classDir));
    }

    @Test
    @Order(1)
    void aTestOwnsADirectoryOfItsOwnAProcessAndAPid() throws IOException {
        firstDir = scratch.dir();
        Files.writeString(firstDir.resolve("file"), "x");
        firstProcess = scratch.own(sleeper(firstDir));
        firstDaemon = sleeper(firstDir).pid();
        scratch.ownPid(firstDaemon);

        assertThat(scratch.dir()).isEqualTo(firstDir).isDirectory().isNotEqualTo(classDir);
        assertThat(firstProcess.isAlive()).isTrue();
        assertThat(classProcess.isAlive()).isTrue();
    }

    @Test
    @Order(2)
    void afterATestItsProcessesAreStoppedAndItsDirectoryDeletedWhileTheClassesLive() {
        assertThat(firstProcess.isAlive()).isFalse();
        assertThat(Pids.exited(firstDaemon)).isTrue();
        assertThat(firstDir).doesNotExist();
        assertThat(scratch.dir()).isNotEqualTo(firstDir).isDirectory();
        assertThat(classProcess.isAlive()).isTrue();
        assertThat(classDir).isDirectory();
    }

    @Test
    @Order(3)
    void aFreePortIsOnLoopbackAndFreeUntilTaken() throws IOException {
        int port = Loopback.freePort();

        try (ServerSocket socket = Loopback.hold(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
            assertThat(Loopback.listening(port)).isTrue();
        }
        assertThat(Loopback.listening(port)).isFalse();
    }

    private static Process sleeper(Path dir) throws IOException {
        return new ProcessBuilder(List.of("sleep", "300")).directory(dir.toFile()).start();
    }
}
