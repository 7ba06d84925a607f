package io.standby.os;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class ProcFsTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    /** A /proc laid out by hand: nginx's workers, and what a Swoole daemon bound to 0.0.0.0 shows the kernel. */
    @Nested
    class FromFixtures {

        @TempDir
        Path proc;

        @Test
        void findsLiveChildrenAndTheirTitlesAndSkipsZombies() throws IOException {
            process(100, 1, "nginx: a (b)", 'S', "nginx: master process nginx -c /etc/nginx/nginx.conf");
            process(101, 100, "nginx: a (b)", 'S', "nginx: worker process");
            process(102, 100, "nginx: a (b)", 'S', "nginx: worker process is shutting down");
            process(103, 100, "nginx: a (b)", 'Z', "");
            process(200, 1, "php", 'S', "php easyswoole start");
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.children(100)).extracting(ProcessStat::pid).containsExactlyInAnyOrder(101L, 102L);
            assertThat(fs.commandLine(102)).isEqualTo("nginx: worker process is shutting down");
            assertThat(fs.runs(103)).as("a zombie").isFalse();
            assertThat(fs.runs(999)).isFalse();
        }

        @Test
        void statIsReadPastANameWithSpacesAndParentheses() throws IOException {
            write("7/stat", "7 (php (odd) name) S 1 7 7 0 -1 4194560 0 0 0 0\n");
            write("8/stat", "8 (php) Z 7 7 7 0 -1 4194560 0 0 0 0\n");
            write("9/stat", "9 (php");
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.stat(7)).contains(new ProcessStat(7, "php (odd) name", 'S', 1, 7, 7));
            assertThat(fs.runs(7)).isTrue();
            assertThat(fs.stat(8).orElseThrow().zombie()).isTrue();
            assertThat(fs.groupMembers(7)).containsExactly(7L);
            assertThat(fs.stat(9)).as("cut short").isEmpty();
            assertThat(fs.stat(10)).isEmpty();
        }

        @Test
        void aProcessWhoseNameIsNotUtf8IsStillThere() throws IOException {
            // comm is whatever bytes the process set (prctl PR_SET_NAME); Latin-1 "café" is not UTF-8.
            Path dir = Files.createDirectories(proc.resolve("300"));
            Files.write(dir.resolve("stat"), bytes("300 (caf", 0xE9, ") S 1 300 300 0 -1 0 0 0 0\n"));
            Files.write(dir.resolve("cmdline"), bytes("php caf", 0xE9, "\0"));
            Files.write(dir.resolve("environ"), bytes("PWD=/srv/caf", 0xE9, "\0LANG=C\0"));
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.runs(300)).isTrue();
            assertThat(fs.stat(300).orElseThrow().name()).isEqualTo("caf\uFFFD");
            assertThat(fs.groupMembers(300)).containsExactly(300L);
            assertThat(fs.commandLine(300)).isEqualTo("php caf\uFFFD");
            assertThat(fs.environment(300)).containsEntry("LANG", "C").containsKey("PWD");
        }

        @Test
        void aWildcardListenerIsFoundWithItsMasterFirst() throws IOException {
            // 0.0.0.0:9501 (0x251D) listening, and a connection on 127.0.0.1:9501 that is not.
            write("net/tcp", HEADER
                    + "   0: 00000000:251D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n"
                    + "   1: 0100007F:251D 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 5151 1 0 20 4 30 10 -1\n");
            write("net/tcp6", HEADER);
            swoole(100, 1, "EasySwoole", "socket:[4242]");
            swoole(101, 100, "EasySwoole.Manager", "socket:[4242]");
            swoole(102, 101, "EasySwoole.produce.Worker.0", "socket:[4242]", "socket:[5151]");
            swoole(200, 1, "nginx: worker process", "socket:[5151]");
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.available()).isTrue();
            assertThat(fs.listens(9501)).isTrue();
            assertThat(fs.listens(9502)).isFalse();
            assertThat(fs.listenersOn(9501)).containsExactlyInAnyOrder(100L, 101L, 102L).first().isEqualTo(100L);
            assertThat(fs.listenerInodes(9501)).containsExactly(4242L);
            assertThat(fs.portsOf(102)).containsExactly(9501);
            assertThat(fs.groupMembers(100)).containsExactlyInAnyOrder(100L, 101L, 102L);
            assertThat(fs.tcpSockets()).filteredOn(TcpSocket::established).extracting(TcpSocket::inode).containsExactly(5151L);
        }

        @Test
        void theHoldersOfInodesAlreadyReadAreFoundWithoutTheTables() throws IOException {
            write("net/tcp", HEADER);
            write("net/tcp6", HEADER);
            swoole(100, 1, "EasySwoole", "socket:[4242]");
            swoole(101, 100, "EasySwoole.Manager", "socket:[4242]");
            swoole(102, 101, "EasySwoole.produce.Worker.0", "socket:[4242]");
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.listenersOn(9501)).as("the tables list no listener").isEmpty();
            assertThat(fs.holdersOf(Set.of(4242L))).containsExactlyInAnyOrder(100L, 101L, 102L).first().isEqualTo(100L);
            assertThat(fs.holdersOf(Set.of())).isEmpty();
        }

        @Test
        void listenersAreReadFromTheHeadOfEachTableOnly() throws IOException {
            // The kernel prints listeners first: whatever follows the first other line is never a listener, so a
            // line that claims to be one there (as no kernel writes) shows that the rest is not read.
            StringBuilder table = new StringBuilder(HEADER).append(
                    "   0: 0100007F:251D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n");
            for (int i = 1; i <= 5000; i++) {
                table.append(String.format("%4d: 0100007F:%04X 0100007F:251D 06 00000000:00000000 03:00000F5A 00000000     0        0 0 3 0%n", i, 20000 + i % 30000));
            }
            table.append("5001: 0100007F:251F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0 100 0 0 10 0\n");
            write("net/tcp", table.toString());
            write("net/tcp6", HEADER
                    + "   0: 00000000000000000000000000000000:251E 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7777 1 0 100 0 0 10 0\n");
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.listeningSockets()).extracting(TcpSocket::inode).containsExactly(4242L, 7777L);
            assertThat(fs.listens(9501)).isTrue();
            assertThat(fs.listens(9502)).as("[::]:9502").isTrue();
            assertThat(fs.listens(9503)).isFalse();
            assertThat(fs.tcpSockets()).as("the whole table, for who needs it").hasSize(5003);
        }

        @Test
        void readsTheSocketsAndFilesAProcessHolds() throws IOException {
            Path fd = Files.createDirectories(proc.resolve("100/fd"));
            Files.createSymbolicLink(fd.resolve("3"), Path.of("socket:[4242]"));
            Files.createSymbolicLink(fd.resolve("4"), Path.of("/var/log/nginx/error.log"));
            Files.createSymbolicLink(fd.resolve("5"), Path.of("/srv/releases/old/app.log (deleted)"));
            Files.createSymbolicLink(fd.resolve("6"), Path.of("pipe:[99]"));
            Files.createSymbolicLink(proc.resolve("100/cwd"), Path.of("/srv/releases/blue"));
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.socketInodes(100)).contains(Set.of(4242L));
            assertThat(fs.openFiles(100)).containsExactly(Path.of("/var/log/nginx/error.log"));
            assertThat(fs.workingDirectory(100)).contains(Path.of("/srv/releases/blue"));
            assertThat(fs.socketInodes(101)).as("gone").contains(Set.of());
            assertThat(fs.workingDirectory(101)).isEmpty();
        }

        @Test
        void withoutSocketTablesNothingIsAvailable() {
            ProcFs fs = new ProcFs(proc);

            assertThat(fs.available()).isFalse();
            assertThat(fs.tcpSockets()).isEmpty();
            assertThat(fs.listenersOn(9501)).isEmpty();
        }

        private void process(long pid, long parent, String name, char state, String title) throws IOException {
            write(pid + "/stat", pid + " (" + name + ") " + state + " " + parent + " " + pid + " 0 0 -1");
            write(pid + "/cmdline", title + "\0\0\0");
        }

        private void swoole(long pid, long parent, String title, String... fds) throws IOException {
            long group = parent == 1 ? pid : 100;
            write(pid + "/stat", pid + " (php8.2) S " + parent + " " + group + " " + group + " 0 -1 0 0 0 0\n");
            write(pid + "/cmdline", title + "\0");
            Path fdDir = Files.createDirectories(proc.resolve(pid + "/fd"));
            for (int i = 0; i < fds.length; i++) {
                Files.createSymbolicLink(fdDir.resolve(Integer.toString(i + 3)), Path.of(fds[i]));
            }
        }

        private void write(String relative, String text) throws IOException {
            Path file = proc.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
    }

    /** The real /proc, read about the JVM running this test. */
    @Nested
    class OfThisJvm {

        private final ProcFs fs = ProcFs.system();
        private final long self = ProcessHandle.current().pid();

        @Test
        void seesItsOwnProcess() {
            assumeThat(Path.of("/proc/self/stat")).exists();

            ProcessStat stat = fs.stat(self).orElseThrow();

            assertThat(stat.running()).isTrue();
            assertThat(stat.parent()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
            assertThat(fs.groupMembers(stat.group())).contains(self);
            assertThat(fs.commandLine(self)).contains("java");
            assertThat(fs.workingDirectory(self)).contains(Path.of(System.getProperty("user.dir")));
            assertThat(fs.environment(self)).containsAllEntriesOf(System.getenv());
        }

        @Test
        void seesAChildItStarted() throws IOException {
            assumeThat(Path.of("/proc/self/stat")).exists();
            Process cat = new ProcessBuilder("cat").start();
            try {
                assertThat(fs.children(self)).extracting(ProcessStat::pid).contains(cat.pid());
                assertThat(fs.runs(cat.pid())).isTrue();
            } finally {
                cat.destroy();
            }
        }

        @Test
        void seesTheFilesItHoldsOpen(@TempDir Path dir) throws IOException {
            assumeThat(Path.of("/proc/self/fd")).exists();
            Path file = Files.writeString(dir.resolve("held.log"), "x").toRealPath();

            try (FileChannel held = FileChannel.open(file, StandardOpenOption.READ)) {
                assertThat(fs.openFiles(self)).contains(file);
            }
        }

        @Test
        void seesThePortItListensOn() throws IOException {
            assumeThat(fs.available()).isTrue();
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = server.getLocalPort();

                assertThat(fs.listens(port)).isTrue();
                assertThat(fs.inUse(port)).isTrue();
                assertThat(fs.listenersOn(port)).containsExactly(self);
                assertThat(fs.listenerInodes(port)).hasSize(1);
                assertThat(fs.portsOf(self)).contains(port);
            }
        }

        @Test
        void listsEveryListenerWhateverFollowsAndNoSocketThatOnlyIsBound() throws IOException {
            assumeThat(fs.available()).isTrue();
            try (ServerSocket v4 = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                 ServerSocket any = new ServerSocket(0);
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), v4.getLocalPort());
                 Socket accepted = v4.accept();
                 Socket boundOnly = new Socket()) {
                boundOnly.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

                assertThat(fs.listeningSockets()).allMatch(TcpSocket::listening)
                        .extracting(TcpSocket::localPort).contains(v4.getLocalPort(), any.getLocalPort());
                assertThat(fs.tcpSockets()).anyMatch(s -> s.established() && s.localPort() == client.getLocalPort());
                assertThat(fs.listens(boundOnly.getLocalPort())).isFalse();
                assertThat(fs.tcpSockets()).as("the kernel lists no socket that is bound and not listening")
                        .noneMatch(s -> s.localPort() == boundOnly.getLocalPort());
            }
        }
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
