package io.standby.testsupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test starts in its scratch directory is gone after it, and so is the directory; a class's lives as long as the class. */
class ScratchTest {

    private static Process sleeper(Path dir) throws IOException {
        return new ProcessBuilder(List.of("sleep", "300")).directory(dir.toFile()).start();
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EachTest {

        @RegisterExtension
        final Scratch scratch = new Scratch();

        private Path firstDir;
        private Process firstProcess;
        private long daemon;

        @Test
        @Order(1)
        void ownsADirectoryAProcessAndAPid() throws IOException {
            firstDir = scratch.dir();
            Files.writeString(firstDir.resolve("file"), "x");
            firstProcess = scratch.own(sleeper(firstDir));
            Process orphan = sleeper(firstDir);
            daemon = orphan.pid();
            scratch.ownPid(daemon);

            assertThat(scratch.dir()).isEqualTo(firstDir).isDirectory();
            assertThat(firstProcess.isAlive()).isTrue();
        }

        @Test
        @Order(2)
        void afterATestItsProcessesAreStoppedAndItsDirectoryDeleted() {
            assertThat(firstProcess.isAlive()).isFalse();
            assertThat(Pids.exited(daemon)).isTrue();
            assertThat(firstDir).doesNotExist();
            assertThat(scratch.dir()).isNotEqualTo(firstDir).isDirectory();
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PerClass {

        @RegisterExtension
        final Scratch scratch = new Scratch();

        private Path classDir;
        private Process classProcess;

        @BeforeAll
        void startOnceForTheClass() throws IOException {
            classDir = scratch.dir();
            classProcess = scratch.own(sleeper(classDir));
        }

        @Test
        @Order(1)
        void whatBeforeAllStartedRunsThroughEveryTest() {
            assertThat(classProcess.isAlive()).isTrue();
            assertThat(scratch.dir()).as("a test's own directory").isNotEqualTo(classDir);
        }

        @Test
        @Order(2)
        void andStillInTheNextOne() {
            assertThat(classProcess.isAlive()).isTrue();
            assertThat(classDir).isDirectory();
        }
    }

    @Test
    void aFreePortIsOnLoopbackAndFreeUntilTaken() throws IOException {
        int port = Loopback.freePort();

        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
            assertThat(Loopback.listening(port)).isTrue();
        }
        assertThat(Loopback.listening(port)).isFalse();
    }
}
