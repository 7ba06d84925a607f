package io.standby.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessRunnerTest {

    @TempDir
    Path dir;

    @Test
    void aWithheldVariableDoesNotReachTheProgram() {
        assertThat(System.getenv("HOME")).as("this test needs HOME in its own environment").isNotNull();

        Completion withheld = new ProcessRunner(Set.of("HOME")).run(Command.of(dir, Duration.ofSeconds(10), List.of("env")));
        Completion inherited = new ProcessRunner().run(Command.of(dir, Duration.ofSeconds(10), List.of("env")));

        assertThat(withheld.succeeded()).isTrue();
        assertThat(withheld.output()).doesNotContain("HOME=").contains("PATH=");
        assertThat(inherited.output()).contains("HOME=");
    }

    @Test
    void standardOutputIsKeptApartFromStandardError() {
        // `ls` of a missing and a present file: the listing on stdout, the complaint on stderr.
        Completion both = new ProcessRunner().run(Command.of(dir.getParent(), Duration.ofSeconds(10),
                List.of("ls", "-d", dir.getFileName().toString(), "no-such-file-here")));

        assertThat(both.output()).contains(dir.getFileName().toString()).contains("no-such-file-here");
        assertThat(both.stdout()).contains(dir.getFileName().toString()).doesNotContain("no-such-file-here");
    }

    @Test
    void aProgramReturnsWhenItExitsEvenIfTheDaemonItForkedKeepsItsOutputOpen() {
        // As `server start -d` does: the Swoole daemon it forks keeps a copy of the CLI's stdout and stderr.
        Path pidFile = dir.resolve("daemon.pid");
        long began = System.nanoTime();
        Completion cli = new ProcessRunner().run(Command.of(dir, Duration.ofSeconds(20),
                List.of("bash", "-c", "sleep 30 & echo $! > " + pidFile + "; echo forked; exit 3")));
        try {
            assertThat(cli.exitCode()).isEqualTo(3);
            assertThat(cli.output()).contains("forked");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        } finally {
            ProcessHandle.of(Long.parseLong(read(pidFile))).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void everythingAProgramWroteIsKeptWhenTheDaemonItForkedHoldsItsPipes() {
        // More than a pipe holds, written right before the exit: read as the program writes it, none of it lost.
        Path pidFile = dir.resolve("daemon.pid");
        Completion cli = new ProcessRunner().run(Command.of(dir, Duration.ofSeconds(20),
                List.of("bash", "-c", "sleep 30 & echo $! > " + pidFile + "; seq 1 50000; seq 1 20000 >&2; echo last")));
        try {
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.stdout().lines()).hasSize(50001).endsWith("50000", "last");
            assertThat(cli.output().lines()).hasSize(70001);
        } finally {
            ProcessHandle.of(Long.parseLong(read(pidFile))).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aProgramThatRunsPastItsTimeoutIsKilledAndSaysSo() {
        Completion slow = new ProcessRunner().run(Command.of(dir, Duration.ofMillis(300), List.of("sleep", "30")));

        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.succeeded()).isFalse();
    }
}
