package io.standby.app.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sample app's PHP processes under a test's directory, found the way they must be once Swoole-style daemons have
 * changed to / and renamed themselves: a PHP process (the kernel keeps the name php) whose working directory or an
 * open file (the Swoole log its output goes to) lies under the directory, and every process of its group.
 */
public final class PhpProcesses {

    private PhpProcesses() {
    }

    /** Every such process, sorted by pid. */
    public static List<ProcessHandle> under(Path root) {
        Path real = realPath(root);
        long ownGroup = group(ProcessHandle.current().pid());
        Set<Long> pids = new TreeSet<>();
        ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(PhpProcesses::isLivePhp)
                .filter(pid -> home(pid, real).isPresent())
                .forEach(pid -> {
                    pids.add(pid);
                    long group = group(pid);
                    if (group > 1 && group != ownGroup) {
                        ProcessHandle.allProcesses().map(ProcessHandle::pid)
                                .filter(other -> group(other) == group && isLivePhp(other)).forEach(pids::add);
                    }
                });
        return pids.stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
    }

    /** Where under the root the process lives: its working directory, else the first file under the root it holds open. */
    public static Optional<Path> home(long pid, Path root) {
        Path real = realPath(root);
        Optional<Path> cwd = link(Path.of("/proc", Long.toString(pid), "cwd")).filter(dir -> dir.startsWith(real));
        if (cwd.isPresent()) {
            return cwd;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                Optional<Path> file = link(fd).filter(target -> target.startsWith(real));
                if (file.isPresent()) {
                    return file;
                }
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Kills them all. */
    public static void kill(Path root) {
        for (ProcessHandle php : under(root)) {
            php.destroyForcibly();
        }
    }

    private static boolean isLivePhp(long pid) {
        String stat = stat(pid);
        return stat.contains("(php") && !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static long group(long pid) {
        String stat = stat(pid);
        if (stat.isEmpty()) {
            return -1;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Path> link(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
