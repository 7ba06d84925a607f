package io.standby.testsupport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Processes that still hold a file, or their working directory, under a test's directory: a daemon the agent started
 * in a release there (Swoole keeps its log open and runs in /) outlives the test unless something looks.
 */
final class Holders {

    private static final Path PROC = Path.of("/proc");

    private Holders() {
    }

    static Set<Long> of(Path dir) {
        Set<Long> pids = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && holds(process, dir)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // No /proc to read: nothing more can be found.
        }
        return pids;
    }

    private static boolean holds(Path process, Path dir) {
        if (under(process.resolve("cwd"), dir)) {
            return true;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                if (under(fd, dir)) {
                    return true;
                }
            }
        } catch (IOException e) {
            // Gone meanwhile, or not ours to read.
        }
        return false;
    }

    private static boolean under(Path link, Path dir) {
        try {
            return Files.readSymbolicLink(link).startsWith(dir);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
