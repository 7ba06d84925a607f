package io.standby.app.hostile;

import io.standby.app.it.KeepAliveLoad;
import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Config: a configuration the agent cannot use stops {@code run} and {@code check-config} before anything is
 * touched, with exit code 2 and one line naming the cause and the fix; the hand-deployed v1 keeps serving
 * through nginx, nginx is neither edited nor reloaded, and nothing is left half-written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileConfigIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private static final int BAD_INPUT = 2;

    private Scene scene;

    private Set<Long> nginxWorkers;
    private byte[] nginxConf;

    @BeforeAll
    void serveV1() {
        scene = Scene.v1BehindNginx(scratch);
    }

    /** Every case ends the same way: nothing the operator relies on has moved. */
    @AfterEach
    void nothingWasTouched() {
        assertThat(scene.serving()).contains(scene.v1OnBlue());
        assertThat(scene.nginxWorkers()).as("nginx was not reloaded").isEqualTo(nginxWorkers);
        assertThat(scene.bytes(scene.sandbox.nginxConf())).as("nginx.conf is byte for byte as it was").isEqualTo(nginxConf);
        assertThat(scene.strayPhp()).isEmpty();
        assertThat(Sandbox.isListening(scene.sandbox.greenPort)).isFalse();
        assertThat(scene.halfWritten()).isEmpty();
        assertThat(Files.exists(scene.sandbox.state.resolve("in-flight.json"))).isFalse();
    }

    /** Runs {@code run} and {@code check-config} on the file under load; both must refuse with the same words. */
    private Programs.Ran refused(Path config, String... expected) {
        nginxWorkers = scene.nginxWorkers();
        nginxConf = scene.bytes(scene.sandbox.nginxConf());
        AtomicReference<Programs.Ran> run = new AtomicReference<>();
        AtomicReference<Programs.Ran> check = new AtomicReference<>();
        KeepAliveLoad.Report load = scene.underLoad(() -> {
            run.set(scene.standby(config, Map.of(), "run"));
            check.set(scene.standby(config, Map.of(), "check-config"));
        });
        assertThat(load.failures()).as("%s", load).isEmpty();
        assertThat(run.get().exit()).as("run: %s", run.get().all()).isEqualTo(BAD_INPUT);
        assertThat(check.get().exit()).as("check-config: %s", check.get().all()).isEqualTo(BAD_INPUT);
        for (String words : expected) {
            assertThat(run.get().err()).contains(words);
            assertThat(check.get().all()).contains(words);
        }
        return run.get();
    }

    @Nested
    class TheFileItself {

        @Test
        void aMissingFileNamesThePathAndTheFlag() {
            refused(scene.root().resolve("nope.yml"), "configuration file " + scene.root().resolve("nope.yml") + " does not exist",
                    "create it", "--config");
        }

        @Test
        void invalidYamlPointsAtTheLineAndColumnOfTheBadCharacter() {
            Path file = scene.configWith("tab.yml", "  green: " + scene.sandbox.greenPort, "\tgreen: " + scene.sandbox.greenPort);
            int line = lineOf(file, "\tgreen");

            Programs.Ran ran = refused(file, "not valid YAML (line " + line + ", column 1)", "a tab", "indent with spaces");

            assertThat(ran.err().strip().lines().filter(l -> l.startsWith("standby:"))).as("one line").hasSize(1);
        }

        @Test
        void anUnclosedQuoteNamesWhereItStarted() {
            Path file = scene.configWith("quote.yml", "app: sample", "app: \"sample");

            refused(file, "not valid YAML", "quoted scalar that starts at line 1, column 6", "close every quote");
        }

        @Test
        void anUnknownKeyNamesItsLineAndTheKeysAllowed() {
            Path file = scene.configWith("unknown.yml", "  green: " + scene.sandbox.greenPort,
                    "  green: " + scene.sandbox.greenPort + "\n  yellow: 9999");

            refused(file, "unknown key 'slots.yellow' (line " + lineOf(file, "  yellow") + ", column 3)",
                    "remove it or fix its spelling", "keys allowed here: blue, green");
        }

        @Test
        void aWrongTypeNamesTheKeyAndWhatItMustBe() {
            Path file = scene.configWith("type.yml", "  green: " + scene.sandbox.greenPort, "  green: nine");

            refused(file, "'slots.green' (line " + lineOf(file, "  green") + ", column 10) cannot be 'nine'", "expected a whole number");
        }

        @Test
        void twoSlotsOnOnePortAreRefused() {
            Path file = scene.configWith("same.yml", "  green: " + scene.sandbox.greenPort, "  green: " + scene.sandbox.bluePort);

            refused(file, "slots.blue and slots.green are both " + scene.sandbox.bluePort, "give each slot its own port");
        }
    }

    @Nested
    class TheMachine {

        @Test
        void aStateDirectoryBehindARegularFileCannotBeCreated() throws Exception {
            Path file = Files.writeString(scene.root().resolve("not-a-directory"), "a file where a directory should be");
            Path config = scene.configWith("state-under-file.yml", "state-dir: " + scene.sandbox.state,
                    "state-dir: " + file.resolve("state"));
            nginxWorkers = scene.nginxWorkers();
            nginxConf = scene.bytes(scene.sandbox.nginxConf());

            KeepAliveLoad.Report load = scene.underLoad(() -> {
                Programs.Ran run = scene.standby(config, Map.of(), "run");
                assertThat(run.exit()).as(run.all()).isNotZero();
                assertThat(run.err()).contains(file.resolve("state").toString()).contains("is a file, not a directory")
                        .contains("a directory the agent's user may write, or point state-dir elsewhere");
                Programs.Ran check = scene.standby(config, Map.of(), "check-config");
                assertThat(check.exit()).as(check.all()).isEqualTo(BAD_INPUT);
                assertThat(check.out()).contains("FAIL state-dir " + file.resolve("state") + " is not writable")
                        .contains("point state-dir elsewhere");
            });

            assertThat(load.failures()).as("%s", load).isEmpty();
            assertThat(Files.readString(file)).isEqualTo("a file where a directory should be");
        }

        @Test
        void aReleasesDirectoryOnAReadOnlyFileSystemIsRefusedEvenForRoot() throws Exception {
            Path readOnly = scene.root().resolve("read-only");
            Assumptions.assumeTrue(scene.mountTmpfs(readOnly, "ro,size=1m"),
                    "assumes `mount -t tmpfs -o ro` works here (root with CAP_SYS_ADMIN): as root, permission bits cannot make a directory unwritable");
            Path config = scene.configWith("releases-ro.yml", "state-dir: " + scene.sandbox.state,
                    "state-dir: " + scene.sandbox.state + "\nreleases-dir: " + readOnly);

            refused(config, "releases-dir " + readOnly + " is not writable (Read-only file system",
                    "give the agent's user write access, or point releases-dir elsewhere");
        }

        @Test
        void aStateDirectoryThatDoesNotExistYetIsCreatedForTheAgentAlone() throws Exception {
            Path fresh = scene.root().resolve("fresh/state");
            Path config = scene.configWith("fresh.yml", "state-dir: " + scene.sandbox.state, "state-dir: " + fresh);
            nginxWorkers = scene.nginxWorkers();
            nginxConf = scene.bytes(scene.sandbox.nginxConf());

            Programs.Ran check = scene.standby(config, Map.of(), "check-config");

            assertThat(check.exit()).as(check.all()).isZero();
            assertThat(Files.isDirectory(fresh)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwxr-x---");
        }

        @Test
        void aPortHeldByAProcessStandbyDoesNotOwnIsNamedAndLeftAlone() {
            Process foreign = scene.foreign(scene.root().resolve("foreign"),
                    List.of("php", "-S", "127.0.0.1:" + scene.sandbox.greenPort, "-t", "."));
            Sandbox.awaitListening(scene.sandbox.greenPort);
            nginxConf = scene.bytes(scene.sandbox.nginxConf());
            try {
                Programs.Ran check = scene.standby("check-config");
                assertThat(check.exit()).as(check.all()).isEqualTo(BAD_INPUT);
                assertThat(check.out()).contains("FAIL port " + scene.sandbox.greenPort + " of the idle slot green is in use by a process Standby did not start")
                        .contains("stop it, or give the green slot a free port");

                nginxWorkers = scene.nginxWorkers();
                AtomicReference<Programs.Ran> deploy = new AtomicReference<>();
                KeepAliveLoad.Report load = scene.underLoad(() -> deploy.set(scene.standby("deploy")));

                assertThat(load.failures()).as("%s", load).isEmpty();
                assertThat(deploy.get().exit()).as(deploy.get().all()).isEqualTo(1);
                assertThat(deploy.get().out()).contains("failed at starting: port " + scene.sandbox.greenPort + " of the idle slot green is already in use")
                        .contains("stop that process, or give the green slot a free port");
                assertThat(foreign.isAlive()).as("Standby never kills what it did not start").isTrue();
                assertThat(scene.status().path("inFlight").isMissingNode() || scene.status().path("inFlight").isNull()).isTrue();
            } finally {
                foreign.destroy();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Sandbox.isListening(scene.sandbox.greenPort));
            }
        }
    }

    @Nested
    class TheProxy {

        @Test
        void anNginxFileThatDoesNotExistIsNamedWithTheSettingToFix() {
            Path missing = scene.root().resolve("nginx/sites/missing.conf");
            Path config = scene.configWith("no-nginx-file.yml", "config-file: " + scene.sandbox.nginxConf(), "config-file: " + missing);

            refused(config, "the nginx config file " + missing + " does not exist",
                    "set router.nginx.config-file to the file that holds \"upstream easyswoole.relase.com");
        }

        @Test
        void anUpstreamFileThatNginxDoesNotReadIsRefusedBeforeAnyRelease() {
            // A copy with the right upstream block: Standby would edit it, test and reload another file, and fail at
            // the first switch; the check names it at the start instead.
            Path copy = scene.root().resolve("nginx/copy.conf");
            Sandbox.writeTo(copy, Sandbox.read(scene.sandbox.nginxConf()));
            Path config = scene.configWith("unread.yml", "config-file: " + scene.sandbox.nginxConf(), "config-file: " + copy);

            refused(config, "router.nginx.config-file " + copy + " is not a file of the configuration `",
                    "a switch would edit a file that `nginx -t` does not test and the reload does not load");
        }

        @Test
        void anUpstreamBlockThatIsNotThereIsNamed() {
            Path config = scene.configWith("no-upstream.yml", "upstream: easyswoole.relase.com", "upstream: shop_backend");

            refused(config, "no \"upstream shop_backend { ... }\" block in " + scene.sandbox.nginxConf(),
                    "or correct router.nginx.upstream");
        }

        @Test
        void anUpstreamDefinedTwiceIsRefusedWithBothLines() {
            Path copy = scene.root().resolve("nginx/twice.conf");
            String conf = Sandbox.read(scene.sandbox.nginxConf());
            int at = conf.indexOf("    upstream easyswoole.relase.com");
            String block = conf.substring(at, conf.indexOf("}\n", at) + 2);
            Sandbox.writeTo(copy, conf.replace(block, block + block));
            Path config = scene.configWith("twice.yml", "config-file: " + scene.sandbox.nginxConf(), "config-file: " + copy);

            refused(config, "\"upstream easyswoole.relase.com\" is defined 2 times in " + copy, "keep a single block with that name");
        }
    }

    private static int lineOf(Path file, String prefix) {
        List<String> lines = Sandbox.read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + file);
    }
}
