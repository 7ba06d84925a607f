package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.ServiceRuntimeContract;
import io.standby.process.Command;
import io.standby.process.ProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

    @TempDir
    static Path template;
    @TempDir
    Path work;

    private final ProcNet procNet = new ProcNet(Path.of("/proc"));
    private final HttpClient http = HttpClient.newHttpClient();
    private Release release;
    private Slot slot;

    @BeforeAll
    static void installTheSampleAppOnce() {
        SampleApp.require("php", "-v");
        SampleApp.require("composer", "--version");
        SampleApp.copyTo(template, "a1");
        var install = new ProcessRunner().run(Command.of(template, Duration.ofMinutes(1),
                "composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction")
                .withEnvironment(java.util.Map.of("COMPOSER_HOME", template.resolve(".composer-home").toString())));
        assertThat(install.succeeded()).as("composer install of the sample app: %s", install.output()).isTrue();
    }

    @BeforeEach
    void copyARelease() {
        release = SampleApp.copyTo(work.resolve("release"), "b2c3d4e");
        SampleApp.copyTree(template.resolve("vendor"), release.directory().resolve("vendor"));
        slot = new Slot("blue", SampleApp.freePort());
    }

    @AfterEach
    void killWhateverRunsFromTheTestDirectory() {
        List<Long> pids = procNet.phpProcessesIn(work);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        await().atMost(Duration.ofSeconds(10)).until(() -> procNet.phpProcessesIn(work).isEmpty());
    }

    @Test
    void startedReleaseServesOnTheSlotsPortAndStopFreesIt() throws Exception {
        EasySwooleRuntime runtime = runtime(START);

        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        HttpResponse<String> answer = get("/");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("version 1.0.0", "port " + slot.port());
        assertThat(answer.headers().firstValue("X-Standby-Port")).contains(Integer.toString(slot.port()));
        assertThat(get("/health").body()).isEqualTo("ok");
        assertThat(runtime.isListening(slot)).isTrue();
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        assertThat(procNet.runs(pid)).isTrue();
        assertThat(cli("status")).contains("server is running, pid " + pid);
        assertThat(Files.readString(release.directory().resolve("produce.php"))).contains("'PORT' => " + slot.port() + ",");

        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.isListening(slot)).isFalse();
        assertThat(procNet.runs(pid)).as("pid %d runs", pid).isFalse();
        assertThat(pidFile()).doesNotExist();
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
    }

    @Test
    void stoppingAReleaseThatIsNotRunningIsDone() {
        EasySwooleRuntime runtime = runtime(START);

        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());
    }

    @Test
    void locateFindsTheReleaseDirectoryOfTheInstanceOnThePort() throws IOException {
        EasySwooleRuntime runtime = runtime(START);
        assertThat(runtime.locate(slot)).isEmpty();

        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.locate(slot)).contains(release.directory().toRealPath());
    }

    @Test
    void releaseIgnoringSigtermIsStoppedByForce() throws IOException {
        Files.writeString(release.directory().resolve("IGNORE_TERM"), "");
        EasySwooleRuntime runtime = runtime(START);
        assertThat(runtime.start(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.stop(release, slot)).isEqualTo(Outcome.done());

        assertThat(runtime.isListening(slot)).isFalse();
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
        assertThat(Files.readString(log())).contains("server stop -force -mode=produce");
    }

    @Test
    void releaseCrashingAtBootFailsClearlyAndLeavesNothingRunning() throws IOException {
        Files.writeString(release.directory().resolve("BOOT_CRASH"), "");

        Outcome outcome = runtime(START).start(release, slot);

        assertThat(reason(outcome)).contains("exited while booting", "BOOT_CRASH is present", log().toString());
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
        assertThat(procNet.listens(slot.port())).isFalse();
    }

    @Test
    void releaseBindingAnotherPortFailsClearlyAndIsStopped() throws IOException {
        Files.writeString(release.directory().resolve("WRONG_PORT"), "");

        Outcome outcome = runtime(Duration.ofSeconds(4)).start(release, slot);

        assertThat(reason(outcome)).contains("listens on port [" + (slot.port() + 1000) + "]", "not on port " + slot.port());
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
        assertThat(procNet.listens(slot.port() + 1000)).isFalse();
    }

    @Test
    void releaseBootingSlowerThanTheStartTimeoutFailsAndIsStopped() throws IOException {
        Files.writeString(release.directory().resolve("SLOW_BOOT"), "30");

        Outcome outcome = runtime(Duration.ofSeconds(3)).start(release, slot);

        assertThat(reason(outcome)).contains("runs as pid", "did not open port " + slot.port(), "within 3s", "still booting");
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
    }

    @Test
    void portHeldByAnotherProcessIsRefusedNamingIt() throws IOException {
        try (ServerSocket squatter = new ServerSocket(slot.port(), 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = runtime(START).start(release, slot);

            assertThat(reason(outcome)).contains("port " + slot.port() + " of slot blue is already held by pid "
                    + ProcessHandle.current().pid(), "java");
            assertThat(squatter.isClosed()).isFalse();
        }
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
    }

    @Test
    void missingModeFileFailsClearly() throws IOException {
        Files.delete(release.directory().resolve("produce.php"));

        assertThat(reason(runtime(START).start(release, slot))).contains("has no produce.php", "mode 'produce'");
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
    }

    @Test
    void duplicatedPortEntryFailsAndLeavesTheModeFileUntouched() throws IOException {
        Path modeFile = release.directory().resolve("produce.php");
        String broken = Files.readString(modeFile).replace("'PORT' => 9501,", "'PORT' => 9501,\n        'PORT' => 9502,");
        Files.writeString(modeFile, broken);

        assertThat(reason(runtime(START).start(release, slot))).contains("2 'PORT' entries", modeFile.toString());
        assertThat(Files.readString(modeFile)).isEqualTo(broken);
        assertThat(procNet.phpProcessesIn(release.directory())).isEmpty();
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
            Release bootable = SampleApp.copyTo(work.resolve("bootable-" + ++releases), "b007ab1");
            SampleApp.copyTree(template.resolve("vendor"), bootable.directory().resolve("vendor"));
            return bootable;
        }

        @Override
        public Release crashingRelease() {
            Release crashing = SampleApp.copyTo(work.resolve("crashing-" + ++releases), "c4a5e11");
            try {
                Files.writeString(crashing.directory().resolve("BOOT_CRASH"), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return crashing;
        }

        @Override
        public Slot freeSlot() {
            return new Slot("green", SampleApp.freePort());
        }

        @Override
        public AutoCloseable occupy(Slot slot) throws IOException {
            return new ServerSocket(slot.port(), 1, InetAddress.getLoopbackAddress());
        }
    }

    private EasySwooleRuntime runtime(Duration startTimeout) {
        EasySwooleSettings settings = EasySwooleSettings.defaults(work.resolve("logs")).withTimeouts(startTimeout, STOP);
        return new EasySwooleRuntime(settings, new ProcessRunner(), procNet, new Poll(Duration.ofMillis(50)));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slot.port() + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String cli(String action) {
        return new ProcessRunner().run(Command.of(release.directory(), Duration.ofSeconds(10),
                "php", "easyswoole.php", "server", action, "-mode=produce")).output();
    }

    private Path pidFile() {
        return release.directory().resolve("Temp/pid.pid");
    }

    private Path log() {
        return work.resolve("logs").resolve(release.id().value() + ".log");
    }
}
