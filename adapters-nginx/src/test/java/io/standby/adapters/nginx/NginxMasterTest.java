package io.standby.adapters.nginx;

import io.standby.os.ProcFs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NginxMasterTest {

    @TempDir
    Path proc;
    @TempDir
    Path run;

    @Test
    void findsTheMasterAndTellsOldWorkersFromNewOnes() throws IOException {
        process(100, 1, "nginx: master process /usr/sbin/nginx");
        process(101, 100, "nginx: worker process is shutting down");
        process(102, 100, "nginx: worker process");
        process(103, 100, "nginx: cache manager process");
        Files.writeString(run.resolve("nginx.pid"), "100\n");

        NginxMaster master = new NginxMaster(run.resolve("nginx.pid"), new ProcFs(proc));

        assertThat(master.pid()).contains(100L);
        assertThat(master.workers(100)).containsExactlyInAnyOrder(
                new NginxMaster.Worker(101, true), new NginxMaster.Worker(102, false));
        assertThat(master.processes(100)).containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
    }

    @Test
    void saysThereIsNoPidFile() {
        NginxMaster master = new NginxMaster(run.resolve("nginx.pid"), new ProcFs(proc));

        assertThat(master.pid()).isEmpty();
        assertThat(master.whyNotRunning()).isEqualTo("nginx is not running (no pid file at " + run.resolve("nginx.pid") + ")");
    }

    @Test
    void aStalePidFileIsNotARunningNginx() throws IOException {
        process(100, 1, "php easyswoole start");
        Files.writeString(run.resolve("nginx.pid"), "100\n");

        NginxMaster master = new NginxMaster(run.resolve("nginx.pid"), new ProcFs(proc));

        assertThat(master.pid()).isEmpty();
        assertThat(master.whyNotRunning()).contains("names process 100, which is not a running nginx master");
    }

    private void process(long pid, long parent, String title) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (nginx) S " + parent + " " + pid + " 0 0 -1");
        Files.writeString(dir.resolve("cmdline"), title + "\0\0");
    }
}
