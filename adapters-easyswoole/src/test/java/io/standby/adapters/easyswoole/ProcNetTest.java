package io.standby.adapters.easyswoole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ProcNet against a /proc laid out by hand: what a Swoole daemon bound to 0.0.0.0 shows the kernel. */
class ProcNetTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @TempDir
    Path proc;

    @Test
    void aWildcardListenerIsFoundWithItsMasterFirst() throws IOException {
        // 0.0.0.0:9501 (0x251D) listening, and a connection on 127.0.0.1:9501 that is not.
        write("net/tcp", HEADER
                + "   0: 00000000:251D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0\n"
                + "   1: 0100007F:251D 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 5151 1 0 20 4 30 10 -1\n");
        write("net/tcp6", HEADER);
        process(100, 1, "php8.2", "EasySwoole", "socket:[4242]");
        process(101, 100, "php8.2", "EasySwoole.Manager", "socket:[4242]");
        process(102, 101, "php8.2", "EasySwoole.produce.Worker.0", "socket:[4242]", "socket:[5151]");
        process(200, 1, "nginx", "nginx: worker process", "socket:[5151]");
        ProcNet procNet = new ProcNet(proc);

        assertThat(procNet.listens(9501)).isTrue();
        assertThat(procNet.listens(9502)).isFalse();
        assertThat(procNet.listenersOn(9501)).containsExactlyInAnyOrder(100L, 101L, 102L).first().isEqualTo(100L);
        assertThat(procNet.portsOf(102)).containsExactly(9501);
        assertThat(procNet.groupMembers(100)).containsExactlyInAnyOrder(100L, 101L, 102L);
    }

    @Test
    void statIsReadPastACommandNameWithSpacesAndParentheses() throws IOException {
        Files.createDirectories(proc.resolve("7"));
        write("7/stat", "7 (php (odd) name) S 1 7 7 0 -1 4194560 0 0 0 0\n");
        write("8/stat", "8 (php) Z 7 7 7 0 -1 4194560 0 0 0 0\n");
        ProcNet procNet = new ProcNet(proc);

        ProcNet.ProcessStat stat = procNet.stat(7).orElseThrow();
        assertThat(stat).isEqualTo(new ProcNet.ProcessStat(7, "php (odd) name", 'S', 1, 7, 7));
        assertThat(procNet.runs(7)).isTrue();
        assertThat(procNet.runs(8)).as("a zombie").isFalse();
        assertThat(procNet.groupMembers(7)).containsExactly(7L);
        assertThat(procNet.stat(9)).isEmpty();
    }

    private void process(long pid, long parent, String name, String title, String... fds) throws IOException {
        long group = parent == 1 ? pid : 100;
        write(pid + "/stat", pid + " (" + name + ") S " + parent + " " + group + " " + group + " 0 -1 0 0 0 0\n");
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
