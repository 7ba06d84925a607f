package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.ServiceRuntimeContract;
import io.standby.os.Poll;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Supervisord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.standby.adapters.easyswoole.HttpHealthProbeTest.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The supervisord runtime against Debian's real supervisord, running the sample app in the foreground. */
class SupervisordRuntimeIT {

    private static final Duration START = Duration.ofSeconds(10);
    private static final Duration STOP = Duration.ofSeconds(5);
    private static final String COMMAND = "php easyswoole.php server start -mode=produce";

    @RegisterExtension
    static final SampleApps apps = new SampleApps();

    private Path work;

    private final ProcFs procNet = ProcFs.system();
    private Supervisord supervisord;
    private Slot blue;
    private Slot green;

    @BeforeEach
    void startSupervisord() {
        work = apps.work();
        supervisord = apps.own(Supervisord.start(work.resolve("supervisor"), List.of(
                new Supervisord.Program("shop-blue", work.resolve("slots/blue"), COMMAND),
                new Supervisord.Program("shop-green", work.resolve("slots/green"), COMMAND),
                // Set up wrongly: it runs from a fixed directory, not from the link Standby points at each release.
                new Supervisord.Program("astray-blue", work.resolve("releases/fixed"), COMMAND))));
        blue = new Slot("blue", Loopback.freePort());
        green = new Slot("green", Loopback.freePort());
    }

    @Test
    void releaseStartsInBlueAsSupervisordsProgramAndServesOnTheSlotsPort() throws Exception {
        Release release = release("blue-1", "1.0.0");
        ServiceRuntime runtime = runtime();

        assertThat(runtime.start(release, blue)).isEqualTo(Outcome.done());

        HttpResponse<String> answer = apps.get(blue, "/");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("version 1.0.0", "port " + blue.port());
        assertThat(supervisord.state("shop-blue")).isEqualTo("RUNNING");
        long pid = programPid("shop-blue");
        assertThat(procNet.runs(pid)).isTrue();
        assertThat(procNet.listenersOn(blue.port())).isNotEmpty().allSatisfy(holder ->
                assertThat(procNet.stat(holder).orElseThrow().group()).as("group of listener %d", holder).isEqualTo(pid));
        assertThat(Files.readSymbolicLink(work.resolve("slots/blue"))).isEqualTo(release.directory());
        assertThat(procNet.workingDirectory(pid)).contains(release.directory().toRealPath());
        assertThat(Files.readString(release.directory().resolve("produce.php"))).contains("'PORT' => " + blue.port() + ",");
        assertThat(runtime.isListening(blue)).isTrue();
        assertThat(runtime.locate(blue)).contains(release.directory());
    }

    @Test
    void secondReleaseStartsInGreenWhileBlueServesThenBlueStops() throws Exception {
        Release first = release("blue-1", "1.0.0");
        Release second = release("green-2", "2.0.0");
        ServiceRuntime runtime = runtime();
        assertThat(runtime.start(first, blue)).isEqualTo(Outcome.done());

        assertThat(runtime.start(second, green)).isEqualTo(Outcome.done());

        assertThat(apps.get(blue, "/").body()).contains("version 1.0.0");
        assertThat(apps.get(green, "/").body()).contains("version 2.0.0", "port " + green.port());
        long bluePid = programPid("shop-blue");

        assertThat(runtime.stop(first, blue)).isEqualTo(Outcome.done());

        assertThat(supervisord.state("shop-blue")).isEqualTo("STOPPED");
        assertThat(runtime.isListening(blue)).isFalse();
        assertThat(procNet.groupMembers(bluePid)).isEmpty();
        assertThat(Files.isSymbolicLink(work.resolve("slots/blue"))).as("blue's link, which supervisord would follow at boot").isFalse();
        assertThat(supervisord.state("shop-green")).isEqualTo("RUNNING");
        assertThat(Files.readSymbolicLink(work.resolve("slots/green"))).isEqualTo(second.directory());
        assertThat(apps.get(green, "/").statusCode()).isEqualTo(200);
        assertThat(runtime.locate(green)).contains(second.directory());
    }

    @Test
    void releaseCrashingAtBootFailsNamingTheProgramAndSupervisordDoesNotRestartIt() throws IOException {
        Release crashing = SampleApp.crashingAtBoot(release("crashing", "1.0.0"));

        Outcome outcome = runtime().start(crashing, blue);

        assertThat(reason(outcome)).contains("release " + crashing + " exited while booting in slot blue", "shop-blue is ",
                "Last lines of its output: ", "BOOT_CRASH", "fix the application", "supervisord was told to stop shop-blue");
        assertThat(reason(outcome)).containsPattern("shop-blue is (BACKOFF|FATAL|EXITED|STARTING)");
        // Not restarting: it stays down, nothing of it runs and its port stays free, for longer than a restart takes.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                Set.of("STOPPED", "EXITED", "FATAL").contains(supervisord.state("shop-blue"))
                        && !procNet.listens(blue.port()) && SampleApp.processesUnder(work).isEmpty());
        assertThat(Files.isSymbolicLink(work.resolve("slots/blue"))).isFalse();
    }

    @Test
    void stopFreesThePortAndSupervisordShowsStopped() throws Exception {
        Release release = release("blue-1", "1.0.0");
        ServiceRuntime runtime = runtime();
        assertThat(runtime.start(release, blue)).isEqualTo(Outcome.done());
        long pid = programPid("shop-blue");
        List<Long> group = procNet.groupMembers(pid);

        assertThat(runtime.stop(release, blue)).isEqualTo(Outcome.done());

        assertThat(supervisord.state("shop-blue")).isEqualTo("STOPPED");
        assertThat(runtime.isListening(blue)).isFalse();
        assertThat(group).isNotEmpty().allSatisfy(member -> assertThat(procNet.runs(member)).as("pid %d runs", member).isFalse());
        assertThat(SampleApp.processesUnder(work)).isEmpty();
        assertThat(runtime.locate(blue)).isEmpty();
        assertThat(Files.isSymbolicLink(work.resolve("slots/blue"))).isFalse();
    }

    @Test
    void aSlotWithoutItsLinkThatSupervisordKeepsRetryingTakesTheNextRelease() throws Exception {
        // As after a reboot with autostart=true: the idle slot has no link, so supervisord fails to spawn it, and retries.
        supervisord.ctl("start", "shop-blue");
        assertThat(supervisord.state("shop-blue")).isIn("BACKOFF", "STARTING");
        Release release = release("blue-1", "1.0.0");

        assertThat(runtime().start(release, blue)).isEqualTo(Outcome.done());

        assertThat(apps.get(blue, "/").body()).contains("version 1.0.0");
    }

    @Test
    void stoppingAReleaseTheSlotsProgramDoesNotRunLeavesTheProgramRunning() throws Exception {
        Release serving = release("blue-1", "1.0.0");
        Release other = release("blue-0", "0.9.0");
        ServiceRuntime runtime = runtime();
        assertThat(runtime.start(serving, blue)).isEqualTo(Outcome.done());

        assertThat(runtime.stop(other, blue)).isEqualTo(Outcome.done());

        assertThat(supervisord.state("shop-blue")).isEqualTo("RUNNING");
        assertThat(apps.get(blue, "/").body()).contains("version 1.0.0");
        assertThat(Files.readSymbolicLink(work.resolve("slots/blue"))).isEqualTo(serving.directory());
    }

    @Test
    void aProgramNotRunningFromTheSlotsLinkIsStoppedWithTheFix() throws IOException {
        Release fixed = release("fixed", "0.1.0");
        ModeConfig.read(fixed.directory().resolve("produce.php")).setPort(blue.port());
        SupervisordSettings astray = TestSettings.supervisord("astray-{slot}", work.resolve("slots"), Optional.of(supervisord.config()));

        Outcome outcome = runtime(astray).start(release("blue-1", "1.0.0"), blue);

        assertThat(reason(outcome)).contains("astray-blue runs in " + fixed.directory().toRealPath(),
                "not in the slot's link " + work.resolve("slots/blue"), "directory=" + work.resolve("slots/blue"));
        assertThat(supervisord.state("astray-blue")).isEqualTo("STOPPED");
        assertThat(procNet.listens(blue.port())).isFalse();
    }

    @Test
    void aProgramSupervisordDoesNotKnowIsNamedWithTheFix() {
        SupervisordSettings unknown = TestSettings.supervisord("nosuch-{slot}", work.resolve("slots"), Optional.of(supervisord.config()));

        assertThat(reason(runtime(unknown).start(release("blue-1", "1.0.0"), blue)))
                .contains("supervisord has no program nosuch-blue", "[program:nosuch-blue]", "directory=" + work.resolve("slots/blue"));
        assertThat(check(unknown).problems()).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("no program nosuch-green"));
        assertThat(check(settings()).problems()).isEmpty();
    }

    @Test
    void supervisordThatDoesNotAnswerIsNamedWithTheFix() throws IOException {
        Path elsewhere = Files.writeString(work.resolve("elsewhere.conf"),
                "[supervisorctl]\nserverurl=unix://" + work.resolve("nobody.sock") + "\n");
        SupervisordSettings unreachable = TestSettings.supervisord("shop-{slot}", work.resolve("slots"), Optional.of(elsewhere));

        assertThat(reason(runtime(unreachable).start(release("blue-1", "1.0.0"), blue)))
                .contains("cannot reach supervisord", "nobody.sock no such file", "start supervisord");
        assertThat(check(unreachable).problems()).singleElement().asString().contains("cannot reach supervisord");
        SupervisordSettings noProgram = new SupervisordSettings(List.of(work.resolve("no-supervisorctl").toString()),
                Optional.empty(), "shop-{slot}", work.resolve("slots"), Duration.ofSeconds(10));
        assertThat(check(noProgram).problems()).singleElement().asString().contains("could not run", "install supervisor");
    }

    @Nested
    class Contract implements ServiceRuntimeContract {

        private int releases;
        private int slots;

        @Override
        public ServiceRuntime runtime() {
            return SupervisordRuntimeIT.this.runtime();
        }

        @Override
        public Release bootableRelease() {
            return release("bootable-" + ++releases, "1.0.0");
        }

        @Override
        public Release crashingRelease() {
            return SampleApp.crashingAtBoot(release("crashing-" + ++releases, "1.0.0"));
        }

        @Override
        public Slot freeSlot() {
            // Each slot is its own program: alternate, so that a test's second slot is not the first one's program.
            return new Slot(++slots % 2 == 1 ? "blue" : "green", Loopback.freePort());
        }

        @Override
        public AutoCloseable occupy(Slot slot) throws IOException {
            return Loopback.hold(slot.port());
        }
    }

    private Release release(String name, String version) {
        Release release = SampleApp.installedCopy(apps.template(), work.resolve("releases").resolve(name),
                "c0ffee" + Math.abs(name.hashCode() % 10));
        try {
            Files.writeString(release.directory().resolve("VERSION"), version + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return release;
    }

    private SupervisordSettings settings() {
        return TestSettings.supervisord("shop-{slot}", work.resolve("slots"), Optional.of(supervisord.config()));
    }

    private SupervisordRuntime runtime() {
        return runtime(settings());
    }

    private SupervisordRuntime runtime(SupervisordSettings settings) {
        EasySwooleSettings service = TestSettings.service(work.resolve("logs"), START, STOP);
        return new SupervisordRuntime(service, settings, new Supervisorctl(settings, new ProcessRunner()), procNet,
                new Poll(Duration.ofMillis(100)));
    }

    private SupervisordCheck check(SupervisordSettings settings) {
        return new SupervisordCheck(settings, new Supervisorctl(settings, new ProcessRunner()), Slots.of(blue.port(), green.port()));
    }

    private long programPid(String program) {
        return Long.parseLong(supervisord.ctl("pid", program).strip());
    }
}
