package io.standby.adapters.nginx;

import io.standby.os.ProcFs;
import io.standby.os.ProcessStat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** nginx's master process, as its pid file names it, and the worker processes it runs. */
final class NginxMaster {

    private static final String MASTER_TITLE = "nginx: master process";
    private static final String WORKER_TITLE = "nginx: worker process";
    private static final String SHUTTING_DOWN = "is shutting down";

    private final Path pidFile;
    private final ProcFs proc;

    NginxMaster(Path pidFile, ProcFs proc) {
        this.pidFile = pidFile;
        this.proc = proc;
    }

    /** A worker; after a reload the old ones say they are shutting down and finish their requests. */
    record Worker(long pid, boolean shuttingDown) {
    }

    /** The master's pid if nginx runs; see {@link #whyNotRunning()} otherwise. */
    Optional<Long> pid() {
        return pidInFile().filter(this::isMaster);
    }

    /** Why {@link #pid()} is empty, in words an operator can act on. */
    String whyNotRunning() {
        Optional<Long> named = pidInFile();
        if (named.isEmpty()) {
            return Files.exists(pidFile)
                    ? "nginx is not running (the pid file " + pidFile + " holds no process id)"
                    : "nginx is not running (no pid file at " + pidFile + ")";
        }
        return "nginx is not running (the pid file " + pidFile + " names process " + named.get()
                + ", which is not a running nginx master)";
    }

    List<Worker> workers(long master) {
        List<Worker> workers = new ArrayList<>();
        for (ProcessStat child : proc.children(master)) {
            // nginx rewrites its processes' titles; a retiring worker adds "is shutting down" to its own.
            String title = proc.commandLine(child.pid());
            if (title.startsWith(WORKER_TITLE)) {
                workers.add(new Worker(child.pid(), title.contains(SHUTTING_DOWN)));
            }
        }
        return workers;
    }

    /** The master and all its children: the processes whose connections are nginx's. */
    Set<Long> processes(long master) {
        return Stream.concat(Stream.of(master), proc.children(master).stream().map(ProcessStat::pid))
                .collect(Collectors.toSet());
    }

    private boolean isMaster(long pid) {
        return proc.runs(pid) && proc.commandLine(pid).startsWith(MASTER_TITLE);
    }

    private Optional<Long> pidInFile() {
        try {
            String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return text.matches("\\d{1,10}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read nginx's pid file " + pidFile + ": " + e.getMessage()
                    + ". Fix: let the user Standby runs as read it", e);
        }
    }
}
