package io.standby.adapters.git;

import io.standby.testsupport.Loopback;
import io.standby.testsupport.Pids;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/** {@code git daemon} serving every repository under a base directory on 127.0.0.1; stopped by its pid. */
final class GitDaemon implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private GitDaemon(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static GitDaemon serve(Path base, Path log) {
        int port = Loopback.freePort();
        Process process;
        try {
            // --verbose: a line for each request, before it is served, so that a test can count connections.
            process = new ProcessBuilder("git", "daemon", "--verbose", "--reuseaddr", "--base-path=" + base, "--export-all",
                    "--listen=127.0.0.1", "--port=" + port, base.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            return fail("this test needs git 2.x on the PATH to run 'git daemon' (" + e.getMessage()
                    + "): install git", e);
        }
        GitDaemon daemon = new GitDaemon(process, port, log);
        try {
            await("git daemon listening on 127.0.0.1:" + port).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("git daemon exited; see " + log, () -> !process.isAlive())
                    .until(() -> Loopback.listening(port));
        } catch (RuntimeException | Error e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    /** How many connections asked to fetch from the repository so far. */
    long uploadPacks(String repository) {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.filter(line -> line.contains("Request upload-pack for '/" + repository + "'")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops the daemon and the child it forks for each connection: they must not outlive the test either. */
    @Override
    public void close() {
        Pids.stop(process, Duration.ofSeconds(10));
    }
}
