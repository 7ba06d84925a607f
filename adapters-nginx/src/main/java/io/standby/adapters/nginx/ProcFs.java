package io.standby.adapters.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Linux's /proc says about processes and TCP connections. nginx 1.22 has no runtime API, so this is
 * the only way to see its worker generations and its connections to a slot without a module.
 */
final class ProcFs {

    static final Path DEFAULT_ROOT = Path.of("/proc");

    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String ESTABLISHED = "01";

    private final Path root;

    ProcFs(Path root) {
        this.root = root;
    }

    /** A running process: its id, its parent's, and its title (nginx rewrites it to "nginx: worker process"). */
    record ProcessInfo(long pid, long parent, char state, String title) {
    }

    /** An established TCP connection as the kernel lists it; {@code inode} identifies its socket. */
    record TcpConnection(InetAddress remote, int remotePort, long inode) {
    }

    /** The process, unless it does not exist or has exited and only waits to be reaped. */
    Optional<ProcessInfo> process(long pid) {
        return stat(pid).filter(Stat::running).map(s -> new ProcessInfo(pid, s.parent(), s.state(), title(pid)));
    }

    /** The live children of a process. */
    List<ProcessInfo> children(long parent) {
        List<ProcessInfo> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, p -> isNumber(p.getFileName().toString()))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                stat(pid).filter(s -> s.running() && s.parent() == parent)
                        .ifPresent(s -> result.add(new ProcessInfo(pid, parent, s.state(), title(pid))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return result;
    }

    /** The inodes of the sockets a process holds open; empty if its file descriptors cannot be read. */
    Optional<Set<Long>> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                readLink(fd).map(link -> SOCKET_LINK.matcher(link.toString())).filter(Matcher::matches)
                        .ifPresent(m -> inodes.add(Long.parseLong(m.group(1))));
            }
        } catch (AccessDeniedException e) {
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of(Set.of());
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(inodes);
    }

    /** Every established TCP connection, IPv4 and IPv6. */
    List<TcpConnection> establishedConnections() {
        List<TcpConnection> result = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            read(root.resolve("net").resolve(table)).ifPresent(text -> text.lines().skip(1)
                    .map(ProcFs::parseTcpLine).flatMap(Optional::stream).forEach(result::add));
        }
        return result;
    }

    /** One line of /proc/net/tcp or tcp6, if it describes an established connection. */
    static Optional<TcpConnection> parseTcpLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[3].equals(ESTABLISHED)) {
            return Optional.empty();
        }
        String[] remote = f[2].split(":");
        return Optional.of(new TcpConnection(address(remote[0]), Integer.parseInt(remote[1], 16), Long.parseLong(f[9])));
    }

    // The kernel prints each 32-bit word of the address as a number in the machine's own byte order.
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                int shift = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
                bytes[word * 4 + b] = (byte) (value >>> shift);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address in /proc/net/tcp: " + hex, e);
        }
    }

    /** The two fields of /proc/PID/stat we need; a zombie has exited and only waits for its parent. */
    private record Stat(long parent, char state) {
        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    private Optional<Stat> stat(long pid) {
        return read(root.resolve(Long.toString(pid)).resolve("stat")).flatMap(ProcFs::parseStat);
    }

    // The command name sits between the first "(" and the last ")" and may itself hold spaces and parentheses.
    private static Optional<Stat> parseStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        String[] rest = stat.substring(close + 2).split(" ");
        if (rest.length < 2 || rest[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Stat(Long.parseLong(rest[1]), rest[0].charAt(0)));
    }

    private String title(long pid) {
        return read(root.resolve(Long.toString(pid)).resolve("cmdline"))
                .map(s -> s.replace('\0', ' ').strip())
                .orElse("");
    }

    private static Optional<Path> readLink(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException e) {
            // The descriptor was closed between listing and reading.
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
