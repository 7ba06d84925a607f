package io.standby.adapters.nginx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class ProcFsTest {

    @Test
    void readsAnEstablishedIpv4ConnectionFromTheKernelTable() throws IOException {
        assumeThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);

        var connection = ProcFs.parseTcpLine(
                "   1: 0100007F:C350 0100007F:251D 01 00000000:00000000 00:00000000 00000000     0        0 45678 1 0 20 4 30 10 -1");

        assertThat(connection.orElseThrow().remotePort()).isEqualTo(9501);
        assertThat(connection.orElseThrow().inode()).isEqualTo(45678);
        assertThat(connection.orElseThrow().remote()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void readsIpv4MappedAndIpv6LoopbackFromTheTcp6Table() throws IOException {
        assumeThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);

        var mapped = ProcFs.parseTcpLine("  0: 0000000000000000FFFF00000100007F:C350 0000000000000000FFFF00000100007F:251E "
                + "01 00000000:00000000 00:00000000 00000000     0        0 111 1 0 20 4 30 10 -1");
        var loopback = ProcFs.parseTcpLine("  1: 00000000000000000000000001000000:C351 00000000000000000000000001000000:251E "
                + "01 00000000:00000000 00:00000000 00000000     0        0 112 1 0 20 4 30 10 -1");

        assertThat(mapped.orElseThrow().remote()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(mapped.orElseThrow().remotePort()).isEqualTo(9502);
        assertThat(loopback.orElseThrow().remote()).isEqualTo(InetAddress.getByName("::1"));
    }

    @Test
    void skipsConnectionsThatAreNotEstablishedAndTheHeader() {
        assertThat(ProcFs.parseTcpLine("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")).isEmpty();
        assertThat(ProcFs.parseTcpLine("   0: 0100007F:251D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0")).isEmpty();
        assertThat(ProcFs.parseTcpLine("   2: 0100007F:C350 0100007F:251D 06 00000000:00000000 03:00000F5A 00000000     0        0 0 3 0")).isEmpty();
    }

    @Test
    void findsLiveChildrenWithTheirTitlesAndSkipsZombies(@TempDir Path proc) throws IOException {
        process(proc, 100, 1, 'S', "nginx: master process nginx -c /etc/nginx/nginx.conf");
        process(proc, 101, 100, 'S', "nginx: worker process");
        process(proc, 102, 100, 'S', "nginx: worker process is shutting down");
        process(proc, 103, 100, 'Z', "");
        process(proc, 200, 1, 'S', "php easyswoole start");

        ProcFs fs = new ProcFs(proc);

        assertThat(fs.children(100)).extracting(ProcFs.ProcessInfo::pid).containsExactlyInAnyOrder(101L, 102L);
        assertThat(fs.process(102)).hasValueSatisfying(p -> assertThat(p.title()).isEqualTo("nginx: worker process is shutting down"));
        assertThat(fs.process(103)).isEmpty();
        assertThat(fs.process(999)).isEmpty();
    }

    @Test
    void readsTheSocketsAProcessHolds(@TempDir Path proc) throws IOException {
        Path fd = Files.createDirectories(proc.resolve("100").resolve("fd"));
        Files.createSymbolicLink(fd.resolve("3"), Path.of("socket:[4242]"));
        Files.createSymbolicLink(fd.resolve("4"), Path.of("/var/log/nginx/error.log"));

        assertThat(new ProcFs(proc).socketInodes(100)).contains(java.util.Set.of(4242L));
    }

    private static void process(Path proc, long pid, long parent, char state, String title) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (nginx: a (b)) " + state + " " + parent + " " + pid + " 0 0 -1");
        Files.writeString(dir.resolve("cmdline"), title + "\0\0\0");
    }
}
