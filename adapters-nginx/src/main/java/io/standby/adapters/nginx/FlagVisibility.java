package io.standby.adapters.nginx;

import io.standby.os.Credentials;
import io.standby.os.ProcFs;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether nginx's workers can see the flag file. Its {@code if (-f FLAG)} is a stat() made as the worker's user, which
 * needs every directory above the file searchable by that user; when it is not, the test is false for every request,
 * nginx keeps sending traffic to blue whatever Standby writes, and the switch to green would only look done. Asked of
 * the workers of the nginx that router.nginx.pid-file names, as /proc shows them (not of any nginx on the machine,
 * which may be another one); with no such nginx running there is nothing to ask.
 */
final class FlagVisibility {

    private final Path flag;
    private final Optional<NginxMaster> master;
    private final ProcFs proc;
    private final ProcessRunner runner;

    FlagVisibility(Path flag, Path pidFile, ProcFs proc, ProcessRunner runner) {
        this.flag = flag;
        this.master = Optional.ofNullable(pidFile).map(file -> new NginxMaster(file, proc));
        this.proc = proc;
        this.runner = runner;
    }

    /** Why nginx's workers cannot see the flag, with the fix; empty if they can, or if no nginx runs by the pid file. */
    Optional<String> problem() {
        List<Credentials> workers = masterPid().stream()
                .flatMap(pid -> master.orElseThrow().workers(pid).stream())
                .map(worker -> proc.credentials(worker.pid())).flatMap(Optional::stream).distinct().toList();
        for (Credentials worker : workers) {
            for (Path dir = flag.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                Optional<String> closed = closedTo(worker, dir);
                if (closed.isPresent()) {
                    return closed;
                }
            }
        }
        return Optional.empty();
    }

    /** The master's pid; none when its pid file cannot be read either, as then there is no one to ask. */
    private Optional<Long> masterPid() {
        try {
            return master.flatMap(NginxMaster::pid);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Optional<String> closedTo(Credentials worker, Path dir) {
        try {
            if (!Files.isDirectory(dir) || worker.maySearch(dir) || hasAcl(dir)) {
                return Optional.empty();
            }
            return Optional.of("nginx's workers (uid " + worker.uid() + ") cannot see the flag file " + flag + ": they may"
                    + " not search " + dir + " (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))
                    + ", owner uid " + Files.getAttribute(dir, "unix:uid") + "), so nginx's -f test would stay false and"
                    + " traffic would stay on blue. Fix: chmod o+x " + dir + ", or move router.nginx.flag-file to a"
                    + " directory nginx's workers can search (and its snippet with it: `standby nginx-config`)");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Standby cannot read the directory's mode itself: nothing to judge by, and the switch's own checks follow.
            return Optional.empty();
        }
    }

    /**
     * Whether the directory has an access list beyond its mode bits, which may open it to the workers (or close it):
     * the bits alone cannot judge it then, so the check stands aside. Asked of getfacl, only where the bits say no;
     * without getfacl there is no setfacl either, so no such list was set.
     */
    private boolean hasAcl(Path dir) {
        Completion acl = runner.run(Command.of(Path.of("/"), Duration.ofSeconds(5),
                List.of("getfacl", "--omit-header", "--absolute-names", dir.toString())));
        return acl.succeeded() && acl.stdout().lines().map(String::strip)
                .anyMatch(line -> line.matches("(user|group):[^:]+:.*") || line.startsWith("mask::"));
    }
}
