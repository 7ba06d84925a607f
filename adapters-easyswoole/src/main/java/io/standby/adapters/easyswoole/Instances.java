package io.standby.adapters.easyswoole;

import io.standby.os.ProcFs;
import io.standby.os.ProcessStat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds what runs of an instance from what survives daemonizing (see {@link Instance}): never by working directory
 * or command line, which a Swoole daemon changes. Only PHP processes count (the kernel keeps their name, {@code php},
 * whatever title they give themselves), and never the agent's own process group: a master still in the foreground
 * under the agent shares it, and only its own descendants are taken then.
 */
final class Instances {

    private final ProcFs proc;
    private final long ownGroup;

    Instances(ProcFs proc) {
        this.proc = proc;
        this.ownGroup = proc.stat(ProcessHandle.current().pid()).map(ProcessStat::group).orElse(-1L);
    }

    /** The instance whose master writes the pid file and which serves, or should serve, on the port. */
    Instance of(Path pidFile, int port) {
        return of(pidFile, phpHolders(proc.listenerInodes(port)));
    }

    /** The same, with the PHP processes holding a socket that listens on the port, master first. */
    private Instance of(Path pidFile, List<Long> holders) {
        OptionalLong master = masterIn(pidFile, holders);
        Set<Long> processes = new LinkedHashSet<>();
        master.ifPresent(pid -> processes.addAll(groupOf(pid)));
        holders.forEach(pid -> processes.addAll(groupOf(pid)));
        return new Instance(pidFile, master, List.copyOf(processes), holders);
    }

    /**
     * The live master one of the pid files names, if it holds a socket listening on the port itself, as a Swoole
     * master does: a serving instance, recognised from its own descriptors without looking through every process.
     * Empty says only that this quick look did not find it; {@link #of(List, Set)} gives the whole picture.
     *
     * @param listening the inodes of the sockets listening on the port, as {@link ProcFs#listenerInodes} gives them
     */
    OptionalLong servingMaster(List<Path> pidFiles, Set<Long> listening) {
        if (listening.isEmpty()) {
            return OptionalLong.empty();
        }
        for (Path pidFile : pidFiles) {
            OptionalLong pid = pidIn(pidFile);
            if (pid.isPresent() && proc.runs(pid.getAsLong()) && isPhp(pid.getAsLong())
                    && proc.socketInodes(pid.getAsLong()).orElse(Set.of()).stream().anyMatch(listening::contains)) {
                return pid;
            }
        }
        return OptionalLong.empty();
    }

    /** The first of the pid files that names a live master, or the first one when none does. */
    Instance of(List<Path> pidFiles, int port) {
        return of(pidFiles, proc.listenerInodes(port));
    }

    /**
     * The same, with the inodes of the sockets listening on the port as the caller has just read them: reading the
     * tables costs more the more sockets the machine has.
     */
    Instance of(List<Path> pidFiles, Set<Long> listening) {
        // Finding the holders looks through every process's descriptors: once for all the pid files.
        List<Long> holders = phpHolders(listening);
        return pidFiles.stream().map(file -> of(file, holders)).filter(instance -> instance.master().isPresent()).findFirst()
                .orElseGet(() -> of(pidFiles.get(0), holders));
    }

    private List<Long> phpHolders(Set<Long> listening) {
        return proc.holdersOf(listening).stream().filter(this::isPhp).toList();
    }

    /** The pid the file names, if it is a live PHP process and not the leader of some other instance on the port. */
    private OptionalLong masterIn(Path pidFile, List<Long> holders) {
        OptionalLong named = pidIn(pidFile);
        if (named.isEmpty()) {
            return named;
        }
        long pid = named.getAsLong();
        if (!proc.runs(pid) || !isPhp(pid)) {
            // A stale pid file may name a pid the system has since given to an unrelated process.
            return OptionalLong.empty();
        }
        long group = proc.stat(pid).map(ProcessStat::group).orElse(-1L);
        boolean sameAsHolders = holders.isEmpty() || holders.stream().anyMatch(holder -> holder == pid
                || proc.stat(holder).map(ProcessStat::group).orElse(-2L) == group);
        return sameAsHolders ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    private static OptionalLong pidIn(Path pidFile) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The live PHP processes sharing the process's group, or, in the agent's own group, its descendants. */
    private List<Long> groupOf(long pid) {
        Optional<ProcessStat> stat = proc.stat(pid);
        if (stat.isEmpty() || stat.get().zombie()) {
            return List.of();
        }
        long group = stat.get().group();
        if (group == ownGroup || group <= 1) {
            Set<Long> tree = new LinkedHashSet<>(List.of(pid));
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().map(ProcessHandle::pid).filter(this::isPhp).forEach(tree::add));
            return List.copyOf(tree);
        }
        List<Long> members = proc.groupMembers(group).stream().filter(this::isPhp).sorted().toList();
        // The group's leader is the master: it comes first.
        return members.contains(group)
                ? java.util.stream.Stream.concat(java.util.stream.Stream.of(group), members.stream().filter(m -> m != group)).toList()
                : members;
    }

    private boolean isPhp(long pid) {
        return proc.stat(pid).map(stat -> stat.name().startsWith("php")).orElse(false);
    }
}
