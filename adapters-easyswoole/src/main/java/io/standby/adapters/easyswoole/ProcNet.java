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

    private final Path proc;

    ProcNet(Path proc) {
        this.proc = proc;
    }

    boolean available() {
        return Files.isReadable(proc.resolve("net/tcp"));
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

    /** The ports a process listens on. */
    Set<Integer> portsOf(long pid) {
        Map<Long, Integer> listening = listeningSockets();
        return socketsOf(pid).stream().filter(listening::containsKey).map(listening::get)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** PHP processes whose working directory is the directory or inside it: an instance, its master and workers. */
    List<Long> phpProcessesIn(Path directory) {
        Path real = realPath(directory);
        return processesMatching(pid -> commandLine(pid).matches("\\S*php\\S*( .*)?")
                && workingDirectory(pid).filter(cwd -> cwd.startsWith(real)).isPresent());
    }

    /** Whether the process exists and is not a zombie waiting for its parent (or init) to reap it. */
    boolean runs(long pid) {
        List<String> stat = lines(proc.resolve(pid + "/stat"));
        return !stat.isEmpty() && !stat.get(0).substring(stat.get(0).lastIndexOf(')') + 2).startsWith("Z");
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
        return statField(pid, 1);
    }

    /** A numeric field of /proc/pid/stat after the command name, which may itself hold spaces and parentheses. */
    private long statField(long pid, int index) {
        List<String> stat = lines(proc.resolve(pid + "/stat"));
        if (stat.isEmpty()) {
            return -1;
        }
        String line = stat.get(0);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return fields.length > index ? Long.parseLong(fields[index]) : -1;
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

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }
}
