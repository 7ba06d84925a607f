package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.ServiceRuntimeContract;
import io.standby.os.Poll;
import io.standby.os.ProcFs;
import io.standby.process.Command;
import io.standby.process.ProcessRunner;
import io.standby.testsupport.Loopback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.standby.adapters.easyswoole.HttpHealthProbeTest.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EasySwooleRuntimeIT {

    private static final Duration START = Duration.ofSeconds(10);
    private static final Duration STOP = Duration.ofSeconds(2);

    @RegisterExtension
    static final SampleApps apps = new SampleApps();

    private Path work;

    private final ProcFs procNet = ProcFs.system();
    private Release release;
    private Slot slot;

    @BeforeEach
    void copyARelease() {
        work = apps.work();
        release = SampleApp.installedCopy(apps.template(), work.resolve("release"), "b2c3d4e");
        slot = new Slot("blue", Loopback.freePort());
    }

    @Test
    void startedReleaseRunsAsASwooleDaemonOnTheSlotsPortAndStopFreesIt() throws Exception {
        EasySwooleRuntime runtime = runtime(START);

        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        HttpResponse<String> answer = get("/");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("version 1.0.0", "port " + slot.port());
        assertThat(answer.headers().firstValue("X-Standby-Port")).contains(Integer.toString(slot.port()));
        assertThat(get("/health").body()).isEqualTo("ok");
        assertThat(runtime.isListening(slot)).isTrue();
        long master = Long.parseLong(Files.readString(pidFile("produce.pid")).strip());
        // What Standby must cope with: the daemon works in /, leads its own process group, and has renamed itself.
        assertThat(procNet.workingDirectory(master)).contains(Path.of("/"));
        assertThat(procNet.stat(master).orElseThrow().group()).isEqualTo(master);
        assertThat(procNet.commandLine(master)).isEqualTo("EasySwoole");
        List<Long> group = procNet.groupMembers(master);
        assertThat(group).hasSizeGreaterThanOrEqualTo(3);
        assertThat(group).allSatisfy(pid -> assertThat(procNet.commandLine(pid)).doesNotContain("php", release.directory().toString()));
        assertThat(Files.readString(release.directory().resolve("produce.php"))).contains("'PORT' => " + slot.port() + ",");

        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.isListening(slot)).isFalse();
        assertThat(group).allSatisfy(pid -> assertThat(procNet.runs(pid)).as("pid %d runs", pid).isFalse());
        assertThat(pidFile("produce.pid")).doesNotExist();
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void easySwoole35KeepsItsPidInPidPid() throws Exception {
        SampleApp.pinEasySwoole(release.directory(), "3.5.1", apps.template());
        EasySwooleRuntime runtime = runtime(START);

        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        assertThat(pidFile("pid.pid")).exists();
        assertThat(pidFile("produce.pid")).doesNotExist();
        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void aPidFileSetInTheModeFileIsTheOneWatched() throws Exception {
        setInMainServerSetting("'pid_file' => EASYSWOOLE_ROOT . '/Temp/custom-name.pid',");
        EasySwooleRuntime runtime = runtime(START);

        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        assertThat(pidFile("custom-name.pid")).exists();
        assertThat(pidFile("produce.pid")).doesNotExist();
        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(pidFile("custom-name.pid")).doesNotExist();
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void twoReleasesWithTheSameAbsoluteTempDirGetOneEachAndNeverStopTheOther() throws Exception {
        Path shared = Files.createDirectories(work.resolve("shared-temp"));
        Release other = SampleApp.installedCopy(apps.template(), work.resolve("other"), "0be4e01");
        for (Release each : List.of(release, other)) {
            Path modeFile = each.directory().resolve("produce.php");
            Files.writeString(modeFile, Files.readString(modeFile).replace("'TEMP_DIR' => null", "'TEMP_DIR' => '" + shared + "'"));
        }
        Slot green = new Slot("green", Loopback.freePort());
        EasySwooleRuntime runtime = runtime(START);

        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime.start(other, green)).isEqualTo(Outcome.done());

        Path bluePid = shared.resolve("standby-blue/produce.pid");
        Path greenPid = shared.resolve("standby-green/produce.pid");
        assertThat(Files.readString(bluePid).strip()).isNotEqualTo(Files.readString(greenPid).strip());
        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime.isListening(green)).isTrue();
        assertThat(procNet.runs(Long.parseLong(Files.readString(greenPid).strip()))).isTrue();
        assertThat(runtime.stop(other, green)).isEqualTo(Outcome.done());
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void locateFindsTheReleaseDirectoryOfTheDaemonOnThePort() throws IOException {
        EasySwooleRuntime runtime = runtime(START);
        assertThat(runtime.locate(slot)).isEmpty();

        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.locate(slot)).contains(release.directory().toRealPath());
    }

    @Test
    void aHandStartedDaemonIsFoundAndLaterRetired() throws IOException {
        // The tutorial's way: edit the port, then `php easyswoole.php server start -d` by hand, in mode dev.
        Path devFile = release.directory().resolve("dev.php");
        Files.writeString(devFile, Files.readString(devFile).replace("'PORT' => 9501,", "'PORT' => " + slot.port() + ","));
        var byHand = new ProcessRunner().run(Command.of(release.directory(), Duration.ofSeconds(20),
                "php", "easyswoole.php", "server", "start", "-d"));
        assertThat(byHand.exitCode()).as(byHand.output()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> procNet.listens(slot.port()));
        EasySwooleRuntime runtime = runtime(START);

        Path located = runtime.locate(slot).orElseThrow();
        assertThat(located).isEqualTo(release.directory().toRealPath());

        Release adopted = new Release(release.id(), release.revision(), located);
        assertThat(runtime.stop(adopted, slot)).isEqualTo(Outcome.done());
        assertThat(runtime.isListening(slot)).isFalse();
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void releaseIgnoringSigtermIsStoppedByForce() throws IOException {
        Files.writeString(release.directory().resolve("IGNORE_TERM"), "");
        EasySwooleRuntime runtime = runtime(START);
        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.isListening(slot)).isFalse();
        assertThat(SampleApp.processesUnder(work)).isEmpty();
        assertThat(Files.readString(log())).contains("server stop -force -mode=produce");
    }

    @Test
    void releaseCrashingBeforeItDaemonizesFailsAtOnceWithItsOutput() throws IOException {
        SampleApp.crashingAtBoot(release);

        Outcome outcome = runtime(START).start(release, slot);

        assertThat(reason(outcome)).contains("exited with 255", "BOOT_CRASH", log().toString());
        assertThat(SampleApp.processesUnder(work)).isEmpty();
        assertThat(procNet.listens(slot.port())).isFalse();
    }

    @Test
    void aModeFileThatDoesNotParseIsRefusedWithPhpsReason() throws IOException {
        Path modeFile = release.directory().resolve("produce.php");
        Files.writeString(modeFile, Files.readString(modeFile).replace("'PORT' => 9501,", "'PORT' => 9501 9502,"));

        assertThat(reason(runtime(START).start(release, slot))).contains("PHP cannot read", "produce.php", "syntax error");
        assertThat(SampleApp.processesUnder(work)).isEmpty();
        assertThat(procNet.listens(slot.port())).isFalse();
    }

    @Test
    void aWorkerThatThrowsAtStartUpHoldsThePortButIsRejectedAtHealthAndLeavesNothing() throws IOException {
        Files.writeString(release.directory().resolve("WORKER_CRASH"), "");
        EasySwooleRuntime runtime = runtime(START);

        assertThat(runtime.start(release, slot)).as("the port is bound before the workers are ready").isEqualTo(Outcome.done());
        HttpHealthProbe probe = new HttpHealthProbe(TestSettings.health(Duration.ofMillis(500), 3, Duration.ofMillis(200)), new Poll(Duration.ofMillis(50)));
        assertThat(probe.checkInstance(slot, release.revision())).isInstanceOf(Outcome.Failed.class);

        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(SampleApp.processesUnder(work)).isEmpty();
        assertThat(procNet.listens(slot.port())).isFalse();
    }

    @Test
    void releaseBindingAnotherPortFailsNamingBothAndIsStopped() throws IOException {
        Files.writeString(release.directory().resolve("WRONG_PORT"), "");

        Outcome outcome = runtime(Duration.ofSeconds(4)).start(release, slot);

        assertThat(reason(outcome)).contains("did not serve port " + slot.port(), "names master",
                "listens on [" + (slot.port() + 1000) + "]", "produce.pid");
        assertThat(SampleApp.processesUnder(work)).isEmpty();
        assertThat(procNet.listens(slot.port() + 1000)).isFalse();
    }

    @Test
    void releaseBootingSlowerThanTheStartTimeoutFailsAndIsStopped() throws IOException {
        Files.writeString(release.directory().resolve("SLOW_BOOT"), "30");

        Outcome outcome = runtime(Duration.ofSeconds(3)).start(release, slot);

        assertThat(reason(outcome)).contains("did not return within 3s");
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void portHeldByAnotherProcessIsRefusedNamingIt() throws IOException {
        try (ServerSocket squatter = Loopback.hold(slot.port())) {
            Outcome outcome = runtime(START).start(release, slot);

            assertThat(reason(outcome)).contains("port " + slot.port() + " of slot blue is already held by pid "
                    + ProcessHandle.current().pid(), "java");
            assertThat(squatter.isClosed()).isFalse();
        }
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void missingModeFileFailsClearly() throws IOException {
        Files.delete(release.directory().resolve("produce.php"));

        assertThat(reason(runtime(START).start(release, slot))).contains("has no produce.php", "mode 'produce'");
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void duplicatedPortEntryFailsAndLeavesTheModeFileUntouched() throws IOException {
        Path modeFile = release.directory().resolve("produce.php");
        String broken = Files.readString(modeFile).replace("'PORT' => 9501,", "'PORT' => 9501,\n        'PORT' => 9502,");
        Files.writeString(modeFile, broken);

        assertThat(reason(runtime(START).start(release, slot))).contains("2 'PORT' entries", modeFile.toString());
        assertThat(Files.readString(modeFile)).isEqualTo(broken);
        assertThat(SampleApp.processesUnder(work)).isEmpty();
    }

    @Test
    void missingEntryScriptFailsClearly() throws IOException {
        Files.delete(release.directory().resolve("easyswoole.php"));

        assertThat(reason(runtime(START).start(release, slot))).contains("has no easyswoole.php");
    }

    @Nested
    class Contract implements ServiceRuntimeContract {

        private int releases;

        @Override
        public ServiceRuntime runtime() {
            return EasySwooleRuntimeIT.this.runtime(START);
        }

        @Override
        public Release bootableRelease() {
            Release bootable = SampleApp.installedCopy(apps.template(), work.resolve("bootable-" + ++releases), "b007ab1");
            return bootable;
        }

        @Override
        public Release crashingRelease() {
            return SampleApp.crashingAtBoot(SampleApp.copyTo(work.resolve("crashing-" + ++releases), "c4a5e11"));
        }

        @Override
        public Slot freeSlot() {
            return new Slot("green", Loopback.freePort());
        }

        @Override
        public AutoCloseable occupy(Slot slot) throws IOException {
            return Loopback.hold(slot.port());
        }
    }

    private EasySwooleRuntime runtime(Duration startTimeout) {
        EasySwooleSettings settings = TestSettings.service(work.resolve("logs"), startTimeout, STOP);
        return new EasySwooleRuntime(settings, new ProcessRunner(), procNet, new Poll(Duration.ofMillis(50)));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return apps.get(slot, path);
    }

    private void setInMainServerSetting(String entry) throws IOException {
        Path modeFile = release.directory().resolve("produce.php");
        Files.writeString(modeFile, Files.readString(modeFile).replace("'SETTING' => [", "'SETTING' => [\n            " + entry));
    }

    private Path pidFile(String name) {
        return release.directory().resolve("Temp").resolve(name);
    }

    private Path log() {
        return work.resolve("logs").resolve(release.id().value() + ".log");
    }
}
