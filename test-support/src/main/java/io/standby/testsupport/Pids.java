package io.standby.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Stopping what a test started, by PID, and telling when it is gone. */
public final class Pids {

    private static final Duration GONE = Duration.ofSeconds(10);

    private Pids() {
    }

    /**
     * Whether the process is gone. A daemon's parent is PID 1, which may reap it only later: a zombie has exited (its
     * sockets are closed) even though the JDK still reports it alive.
     */
    public static boolean exited(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * SIGKILL for the process, then for every process under it, and waits until all are gone. The parent goes first: a
     * parent still alive (an nginx master, supervisord) would replace the children killed under it.
     */
    public static void killTree(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        List<ProcessHandle> family = new ArrayList<>();
        process.ifPresent(p -> family.add(p));
        process.ifPresent(p -> family.addAll(p.descendants().toList()));
        family.forEach(ProcessHandle::destroyForcibly);
        awaitExited(family.stream().map(ProcessHandle::pid).toList());
    }

    /**
     * SIGTERM for a child of the test and everything under it, as a service manager stops a service; SIGKILL for what is
     * still there after {@code grace}.
     */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** Waits, with a deadline, until every one of the processes is gone (zombies count as gone). */
    public static void awaitExited(List<Long> pids) {
        await("processes " + pids + " to exit").atMost(GONE).until(() -> pids.stream().allMatch(Pids::exited));
    }
}
