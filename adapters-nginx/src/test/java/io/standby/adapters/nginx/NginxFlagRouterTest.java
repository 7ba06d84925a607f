package io.standby.adapters.nginx;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slots;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class NginxFlagRouterTest {

    private static final Slots SLOTS = Slots.of(9501, 9502);

    @TempDir
    Path dir;

    /** Where the fixtures of /proc go, apart from the flag's directory. */
    @TempDir
    Path procs;

    @Test
    void greenCreatesTheFlagReadableByNginxAndBlueDeletesIt() throws IOException {
        Path flag = dir.resolve("green");
        NginxFlagRouter router = new NginxFlagRouter(TestSettings.flag(SLOTS, "app", flag), noNginx(), new ProcessRunner());

        assertThat(router.switchTo(SLOTS.green())).isEqualTo(Outcome.done());
        assertThat(flag).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(flag))).isEqualTo("rw-r--r--");
        assertThat(router.current()).contains(SLOTS.green());

        assertThat(router.switchTo(SLOTS.blue())).isEqualTo(Outcome.done());
        assertThat(flag).doesNotExist();
        assertThat(router.current()).contains(SLOTS.blue());
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file is left behind").isEmpty();
        }
    }

    @Test
    void aMissingFlagDirectoryFailsWithTheFix() throws IOException {
        Path flag = dir.resolve("missing").resolve("green");
        NginxFlagRouter router = new NginxFlagRouter(TestSettings.flag(SLOTS, "app", flag), noNginx(), new ProcessRunner());

        Outcome outcome = router.switchTo(SLOTS.green());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .contains("the flag directory " + flag.getParent() + " does not exist")
                .contains("Fix: create it (mkdir -p " + flag.getParent() + ")"));
        assertThat(router.current()).contains(SLOTS.blue());
    }

    /**
     * The helper's outage: the flag inside a state directory of mode 0750, nginx's workers running as www-data. nginx's
     * -f test then fails for every request, and a switch that wrote the flag would only look done.
     */
    @Test
    void aFlagThatNginxsWorkersCannotSeeIsNotWrittenAndTheReasonNamesTheDirectory() throws IOException {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path flag = state.resolve("green");
        ProcFs proc = procWithWorker(33, 33);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-x---"));
        NginxFlagRouter router = new NginxFlagRouter(withPidFile(TestSettings.flag(SLOTS, "app", flag)), proc, new ProcessRunner());

        Outcome outcome = router.switchTo(SLOTS.green());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .startsWith("nginx's workers (uid 33) cannot see the flag file " + flag + ": they may not search " + state
                        + " (rwxr-x---, owner uid ")
                .contains("Fix: chmod o+x " + state)
                .endsWith("; nothing was changed"));
        assertThat(flag).doesNotExist();

        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-x--x"));

        assertThat(router.switchTo(SLOTS.green())).isEqualTo(Outcome.done());
        assertThat(flag).exists();
    }

    /** A /proc with no process in it: no nginx runs, so there is no worker to ask. */
    private ProcFs noNginx() throws IOException {
        return new ProcFs(Files.createDirectories(procs.resolve("empty")));
    }

    /** A /proc with an nginx master (pid 4241, as its pid file says) and one worker running as the given user. */
    private ProcFs procWithWorker(int uid, int gid) throws IOException {
        Path root = Files.createDirectories(procs.resolve("one-worker"));
        Path master = Files.createDirectories(root.resolve("4241"));
        Files.writeString(master.resolve("stat"), "4241 (nginx) S 1 4241 4241 0 -1 0 0 0 0\n");
        Files.writeString(master.resolve("cmdline"), "nginx: master process /usr/sbin/nginx\0");
        Path worker = Files.createDirectories(root.resolve("4242"));
        Files.writeString(worker.resolve("stat"), "4242 (nginx) S 4241 4241 4241 0 -1 0 0 0 0\n");
        Files.writeString(worker.resolve("cmdline"), "nginx: worker process\0\0");
        Files.writeString(worker.resolve("status"), "Name:\tnginx\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t" + gid + "\t" + gid + "\t" + gid + "\t" + gid + "\nGroups:\t" + gid + " \n");
        Files.writeString(procs.resolve("nginx.pid"), "4241\n");
        return new ProcFs(root);
    }

    private NginxSettings withPidFile(NginxSettings flag) {
        return new NginxSettings(flag.mode(), flag.slots(), flag.host(), flag.upstream(), null, procs.resolve("nginx.pid"),
                flag.flagFile(), flag.testCommand(), flag.reloadCommand(), flag.dumpCommand(), flag.commandTimeout(),
                flag.reloadTimeout());
    }

    @Test
    void isAlwaysDrainedBecauseTheDomainsDrainMinimumDoesTheWaiting() throws IOException {
        NginxFlagRouter router = new NginxFlagRouter(TestSettings.flag(SLOTS, "app", dir.resolve("green")), noNginx(), new ProcessRunner());

        assertThat(router.isDrained(SLOTS.blue())).isTrue();
    }
}
