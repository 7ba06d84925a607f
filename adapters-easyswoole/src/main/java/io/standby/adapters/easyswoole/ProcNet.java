package io.standby.adapters.easyswoole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * What Linux's /proc tells about listening sockets and the processes that hold them. Processes come and go
 * while we read: whatever vanishes mid-read is simply not there.
 */
final class ProcNet {

    private static final String LISTEN = "0A";
    private static final String BOUND = "07";
    private static final int CONNECT_TIMEOUT_MILLIS = 300;

    private final Path proc;

    ProcNet(Path proc) {
        this.proc = proc;
    }

    boolean available() {
        return Files.isReadable(proc.resolve("net/tcp"));
    }

    /** Whether anything listens on the port: from /proc where there is one, else by connecting to it on loopback. */
    boolean inUse(int port) {
        if (available()) {
            return listens(port);
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether any socket listens on the port, on any local address, IPv4 or IPv6. */
    boolean listens(int port) {
        return listeningSockets().containsValue(port);
    }

    /** The processes holding a socket that listens on the port; with pre-forked workers, the master comes first. */
    List<Long> listenersOn(int port) {
        Set<Long> inodes = listeningSockets().entrySet().stream()
                .filter(socket -> socket.getValue() == port).map(Map.Entry::getKey).collect(Collectors.toSet());
        if (inodes.isEmpty()) {
            return List.of();
        }
        List<Long> pids = processesMatching(pid -> socketsOf(pid).stream().anyMatch(inodes::contains));
        Set<Long> holders = Set.copyOf(pids);
        // A master's parent is not among the listeners; its workers' parent is.
        return pids.stream().sorted((a, b) -> Boolean.compare(holders.contains(parentOf(a)), holders.contains(parentOf(b))))
                .toList();
    }

    /**
     * The processes holding a socket bound to the port, listening or not yet: Swoole binds the port when the server is
     * created but listens only after it has daemonized, so in between this is all that shows the daemon exists.
     */
    List<Long> boundTo(int port) {
        Set<Long> inodes = new java.util.HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            for (String line : lines(proc.resolve(table))) {
                String[] fields = line.strip().split("\\s+");
                // Bound but not listening shows as CLOSE (07) with no remote end; a socket that never bound has port 0.
                if (fields.length > 9 && (LISTEN.equals(fields[3]) || BOUND.equals(fields[3])) && fields[1].contains(":")
                        && Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16) == port
                        && fields[2].endsWith(":0000") && !"0".equals(fields[9])) {
                    inodes.add(Long.parseLong(fields[9]));
                }
            }
        }
        if (inodes.isEmpty()) {
            return List.of();
        }
        return processesMatching(pid -> socketsOf(pid).stream().anyMatch(inodes::contains));
    }

    /** The ports a process listens on. */
    Set<Integer> portsOf(long pid) {
        Map<Long, Integer> listening = listeningSockets();
        return socketsOf(pid).stream().filter(listening::containsKey).map(listening::get)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The live processes of a process group: a Swoole daemon's master leads one that its manager and workers share. */
    List<Long> groupMembers(long group) {
        if (group <= 1) {
            return List.of();
        }
        return processesMatching(pid -> stat(pid).filter(s -> s.group() == group && !s.zombie()).isPresent());
    }

    /** Whether the process exists and is not a zombie waiting for its parent (or init) to reap it. */
    boolean runs(long pid) {
        return stat(pid).filter(s -> !s.zombie()).isPresent();
    }

    /** What /proc/PID/stat says of the process; empty once it is gone. */
    Optional<ProcessStat> stat(long pid) {
        List<String> stat = lines(proc.resolve(pid + "/stat"));
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        String line = stat.get(0);
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        // After the command name, which may itself hold spaces and parentheses: state, ppid, pgrp, session, ...
        String[] fields = line.substring(close + 2).split(" ");
        if (open < 0 || fields.length < 4) {
            return Optional.empty();
        }
        return Optional.of(new ProcessStat(pid, line.substring(open + 1, close), fields[0].charAt(0),
                Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3])));
    }

    /** The files the process holds open, as absolute paths (sockets, pipes and deleted files left out). */
    List<Path> openFiles(long pid) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                String target = readLink(fd);
                if (target.startsWith("/") && !target.endsWith(" (deleted)")) {
                    files.add(Path.of(target));
                }
            }
        } catch (IOException | SecurityException e) {
            return files;
        }
        return files;
    }

    /**
     * The environment the process was started with. PHP's cli_set_process_title (which EasySwoole calls) overwrites
     * this area with the new title, so a renamed Swoole process usually shows none: callers treat it as a hint.
     */
    Map<String, String> environment(long pid) {
        try {
            Map<String, String> variables = new HashMap<>();
            for (String entry : new String(Files.readAllBytes(proc.resolve(pid + "/environ")), StandardCharsets.UTF_8).split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    variables.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            return variables;
        } catch (IOException | SecurityException e) {
            return Map.of();
        }
    }

    /** A process as the kernel describes it: its name (comm, kept by process renaming), state and lineage. */
    record ProcessStat(long pid, String name, char state, long parent, long group, long session) {
        boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve(pid + "/cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The process's command line as one would type it; empty if it is gone. */
    String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(pid + "/cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Socket inode to local port, for every listening TCP socket. */
    private Map<Long, Integer> listeningSockets() {
        Map<Long, Integer> sockets = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            for (String line : lines(proc.resolve(table))) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 9 && LISTEN.equals(fields[3]) && fields[1].contains(":")) {
                    int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
                    sockets.put(Long.parseLong(fields[9]), port);
                }
            }
        }
        return sockets;
    }

    private Set<Long> socketsOf(long pid) {
        Set<Long> inodes = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                String target = readLink(fd);
                if (target.startsWith("socket:[")) {
                    inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                }
            }
        } catch (IOException | SecurityException e) {
            return inodes;
        }
        return inodes;
    }

    private List<Long> processesMatching(LongPredicate predicate) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (predicate.test(pid)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list processes in " + proc, e);
        }
        return pids;
    }

    private long parentOf(long pid) {
        return stat(pid).map(ProcessStat::parent).orElse(-1L);
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static List<String> lines(Path file) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return file.getFileName().toString().startsWith("tcp") && !all.isEmpty() ? all.subList(1, all.size()) : all;
        } catch (IOException e) {
            return List.of();
        }
    }

}
