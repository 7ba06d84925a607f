package io.standby.os;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Linux's /proc says about processes and the TCP sockets they hold: the only way to see nginx's worker
 * generations, a Swoole daemon's process group, or who listens on a port, without a module or a runtime API.
 *
 * <p>Processes come and go while we read: whatever vanishes mid-read is simply not there. Files are read as bytes
 * and decoded leniently as UTF-8: a process may put any bytes in its name, title or environment, and a byte that is
 * not UTF-8 must show as U+FFFD, never make the process look gone.
 */
public final class ProcFs {

    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final int CONNECT_TIMEOUT_MILLIS = 300;
    private static final List<String> TABLES = List.of("tcp", "tcp6");
    // Enough for a page of the kernel's output: the listeners of most machines fit in one read.
    private static final int LISTENERS_PAGE = 8192;

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    /** The system's own /proc. */
    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** Whether this /proc lists TCP sockets (there is none on macOS, nor in some containers). */
    public boolean available() {
        return Files.isReadable(root.resolve("net/tcp"));
    }

    /** What /proc/PID/stat says of the process, zombie or not; empty once it is gone. */
    public Optional<ProcessStat> stat(long pid) {
        return read(processFile(pid, "stat")).flatMap(line -> ProcessStat.parse(pid, line));
    }

    /** Whether the process exists and is not a zombie. */
    public boolean runs(long pid) {
        return stat(pid).filter(ProcessStat::running).isPresent();
    }

    /** The live children of a process. */
    public List<ProcessStat> children(long parent) {
        List<ProcessStat> children = new ArrayList<>();
        for (long pid : processesMatching(pid -> true)) {
            stat(pid).filter(s -> s.running() && s.parent() == parent).ifPresent(children::add);
        }
        return children;
    }

    /** The live processes of a process group: a Swoole daemon's master leads one that its manager and workers share. */
    public List<Long> groupMembers(long group) {
        if (group <= 1) {
            return List.of();
        }
        return processesMatching(pid -> stat(pid).filter(s -> s.group() == group && s.running()).isPresent());
    }

    /** Whom the process acts as on files; empty once it is gone. */
    public Optional<Credentials> credentials(long pid) {
        return read(processFile(pid, "status")).flatMap(Credentials::parse);
    }

    /** The process's command line as one would type it, or the title it gave itself; empty if it is gone. */
    public String commandLine(long pid) {
        return read(processFile(pid, "cmdline")).map(s -> s.replace('\0', ' ').strip()).orElse("");
    }

    /**
     * The environment the process was started with. PHP's cli_set_process_title (which EasySwoole calls) overwrites
     * this area with the new title, so a renamed Swoole process usually shows none: callers treat it as a hint.
     */
    public Map<String, String> environment(long pid) {
        Map<String, String> variables = new HashMap<>();
        read(processFile(pid, "environ")).ifPresent(text -> {
            for (String entry : text.split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    variables.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        });
        return Map.copyOf(variables);
    }

    public Optional<Path> workingDirectory(long pid) {
        return readLink(processFile(pid, "cwd"));
    }

    /** The files the process holds open, as absolute paths (sockets, pipes and deleted files left out). */
    public List<Path> openFiles(long pid) {
        return descriptorTargets(pid).orElse(List.of()).stream()
                .filter(target -> target.startsWith("/") && !target.endsWith(" (deleted)"))
                .map(Path::of)
                .toList();
    }

    /**
     * The inodes of the sockets the process holds; empty if its descriptors cannot be read (another user's process),
     * and an empty set if it is gone.
     */
    public Optional<Set<Long>> socketInodes(long pid) {
        return descriptorTargets(pid).map(targets -> targets.stream()
                .map(SOCKET_LINK::matcher).filter(Matcher::matches)
                .map(m -> Long.parseLong(m.group(1)))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Every TCP socket, IPv4 and IPv6: the whole of both tables, which under load lists tens of thousands. */
    public List<TcpSocket> tcpSockets() {
        List<TcpSocket> sockets = new ArrayList<>();
        for (String table : TABLES) {
            read(root.resolve("net").resolve(table)).ifPresent(text -> text.lines().skip(1)
                    .map(TcpSocket::parse).flatMap(Optional::stream).forEach(sockets::add));
        }
        return sockets;
    }

    /**
     * The listening TCP sockets, IPv4 and IPv6, read without the rest of the tables. The kernel prints its listening
     * hash before its established hash ({@code tcp_seq_next}: TCP_SEQ_STATE_LISTENING, then ESTABLISHED), and a
     * socket is in the listening hash only while it listens; it makes the lines as they are read, a page or so at a
     * time. So the first line in another state ends the listeners, and stopping there costs the few pages they fill,
     * however many connections and TIME_WAIT sockets follow. A table with no line after its listeners (IPv6's, on a
     * machine whose IPv6 sockets all listen) is read to its end, though, and for that the kernel walks the
     * established hash the two families share: a few milliseconds that grow with the machine's sockets (bench/ part
     * 6), which is why a caller asking several questions at once reads the listeners once. (A socket bound but not
     * listening is in neither hash: the tables never list it.)
     */
    public List<TcpSocket> listeningSockets() {
        List<TcpSocket> sockets = new ArrayList<>();
        for (String table : TABLES) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    Files.newInputStream(root.resolve("net").resolve(table)), StandardCharsets.US_ASCII), LISTENERS_PAGE)) {
                lines.readLine();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Optional<TcpSocket> socket = TcpSocket.parse(line);
                    if (socket.isPresent() && !socket.get().listening()) {
                        break;
                    }
                    socket.ifPresent(sockets::add);
                }
            } catch (IOException | SecurityException e) {
                // No such table (no IPv6 in this kernel, or no /proc/net at all): nothing listens there.
            }
        }
        return sockets;
    }

    /** Whether any socket listens on the port, on any local address, IPv4 or IPv6. */
    public boolean listens(int port) {
        return listeningSockets().stream().anyMatch(s -> s.localPort() == port);
    }

    /** Whether anything listens on the port: from /proc where there is one, else by connecting to it on loopback. */
    public boolean inUse(int port) {
        if (available()) {
            return listens(port);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The inodes of the sockets listening on the port: what a process holding one shows in /proc/PID/fd. */
    public Set<Long> listenerInodes(int port) {
        return listeningSockets().stream().filter(s -> s.localPort() == port).map(TcpSocket::inode)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The processes holding a socket that listens on the port; with pre-forked workers, the master comes first. It
     * looks into every process's descriptors, so it is for when the answer is needed, not to ask whether.
     */
    public List<Long> listenersOn(int port) {
        return holdersOf(listenerInodes(port));
    }

    /**
     * The processes holding one of these listening sockets (as {@link #listenerInodes} gives them), the master first:
     * for a caller that has just asked for the inodes, so that one look reads the tables once.
     */
    public List<Long> holdersOf(Set<Long> inodes) {
        List<Long> pids = processesHolding(inodes);
        Set<Long> holders = Set.copyOf(pids);
        // A master's parent is not among the listeners; its workers' parent is.
        return pids.stream()
                .sorted(Comparator.comparing(pid -> holders.contains(stat(pid).map(ProcessStat::parent).orElse(-1L))))
                .toList();
    }

    /** The ports a process listens on. */
    public Set<Integer> portsOf(long pid) {
        Set<Long> held = socketInodes(pid).orElse(Set.of());
        return listeningSockets().stream().filter(s -> held.contains(s.inode()))
                .map(TcpSocket::localPort)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private List<Long> processesHolding(Set<Long> inodes) {
        if (inodes.isEmpty()) {
            return List.of();
        }
        return processesMatching(pid -> socketInodes(pid).orElse(Set.of()).stream().anyMatch(inodes::contains));
    }

    private List<Long> processesMatching(LongPredicate predicate) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, entry -> isNumber(entry.getFileName().toString()))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (predicate.test(pid)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list processes in " + root, e);
        }
        return pids;
    }

    /** Where each of the process's descriptors points; empty if they cannot be read, an empty list if it is gone. */
    private Optional<List<String>> descriptorTargets(long pid) {
        List<String> targets = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(processFile(pid, "fd"))) {
            for (Path fd : fds) {
                readLink(fd).map(Path::toString).ifPresent(targets::add);
            }
        } catch (NoSuchFileException e) {
            return Optional.of(List.of());
        } catch (IOException | SecurityException e) {
            // Most often another user's process, whose descriptors only root may read.
            return Optional.empty();
        }
        return Optional.of(targets);
    }

    private Path processFile(long pid, String name) {
        return root.resolve(Long.toString(pid)).resolve(name);
    }

    private static Optional<Path> readLink(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // The descriptor was closed, or the process ended, between listing and reading.
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
