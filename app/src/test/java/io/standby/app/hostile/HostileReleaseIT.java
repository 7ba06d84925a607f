package io.standby.app.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.app.it.KeepAliveLoad;
import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source, Install and Service: a commit that cannot become a release fails before the switch with the cause
 * and the fix, while v1 keeps serving through nginx without a failed request; the journal holds no release under
 * way and names the failure; no instance of the broken release is left running and nginx is not reloaded.
 *
 * <p>Each case pushes its broken commit, runs {@code standby deploy} once, and takes the commit back off the
 * branch, so the cases share one server and the hand-deployed v1 stays live until the last case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class HostileReleaseIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private static final int RELEASE_FAILED = 1;

    private Scene scene;

    private String v1;

    @BeforeAll
    void serveV1() {
        scene = Scene.v1BehindNginx(scratch);
        scene.editConfig(yaml -> yaml.replace("start-timeout: 15s", "start-timeout: 4s")
                .replace("stop-timeout: 10s", "stop-timeout: 3s")
                .replace("attempts: 40", "attempts: 8"));
        v1 = scene.git(scene.sandbox.work, "rev-parse", "HEAD").strip();
    }

    /**
     * Pushes the broken commit, deploys it under load, checks that nothing was lost, takes the commit back, and
     * returns what {@code deploy} printed.
     */
    private String rejected(String message, Runnable breakIt, String stage) {
        breakIt.run();
        String broken = scene.commit(message);
        Set<Long> workers = scene.nginxWorkers();
        byte[] nginxConf = scene.bytes(scene.sandbox.nginxConf());
        AtomicReference<Programs.Ran> deploy = new AtomicReference<>();
        KeepAliveLoad.Report load;
        try {
            load = scene.underLoad(() -> deploy.set(scene.standby("deploy")));
        } finally {
            scene.dropLastCommit();
        }

        Programs.Ran ran = deploy.get();
        assertThat(ran.exit()).as(ran.all()).isEqualTo(RELEASE_FAILED);
        assertThat(ran.out()).contains("failed at " + stage + ": ").contains("still live: ").contains("on blue:" + scene.sandbox.bluePort);
        assertThat(load.failures()).as("%s", load).isEmpty();
        assertThat(scene.serving()).contains(scene.v1OnBlue());
        assertThat(scene.nginxWorkers()).as("nginx was not reloaded").isEqualTo(workers);
        assertThat(scene.bytes(scene.sandbox.nginxConf())).isEqualTo(nginxConf);
        assertThat(Sandbox.isListening(scene.sandbox.greenPort)).isFalse();
        assertThat(scene.strayPhp()).as("instances of the broken release left running").isEmpty();
        assertThat(scene.halfWritten()).isEmpty();

        JsonNode status = scene.status();
        assertThat(status.path("inFlight").isNull()).as("no release under way: %s", status).isTrue();
        assertThat(status.at("/live/release/revision/sha").asText()).isEqualTo(v1);
        assertThat(status.at("/lastFailure/revision/sha").asText()).isEqualTo(broken);
        assertThat(status.at("/lastFailure/result").asText()).isEqualTo("FAILED");
        String reason = status.at("/lastFailure/reason").asText();
        assertThat(ran.out()).contains(reason);
        return reason;
    }

    @Nested
    class Source {

        @Test
        void aCommitThatRemovesTheEntryScriptFailsBeforeTheSwitch() {
            String reason = rejected("drop easyswoole.php", () -> scene.sandbox.deleteFile("easyswoole.php"), "starting");

            assertThat(reason).contains("has no easyswoole.php in ").contains("commit it at the repository's root, or set the service's entry in the config");
        }

        @Test
        void aCommitThatRemovesTheModesConfigFileFailsBeforeTheSwitch() {
            String reason = rejected("drop produce.php", () -> scene.sandbox.deleteFile("produce.php"), "starting");

            assertThat(reason).contains("has no produce.php in ").contains("mode 'produce' reads its config from there; commit it, or set the service's mode in the config");
        }
    }

    @Nested
    class Install {

        @Test
        void anInvalidComposerJsonIsRejectedWithComposersOwnWords() {
            String reason = rejected("break composer.json", () -> scene.sandbox.writeFile("composer.json", "{ \"require\": "), "installing");

            assertThat(reason).contains("composer install failed with exit code").contains("composer.json")
                    .contains("fix composer.json/composer.lock in the repository and commit");
        }

        @Test
        void aDependencyThatCannotBeResolvedIsNamed() {
            String reason = rejected("require a package that does not exist", () -> {
                String json = Sandbox.read(scene.sandbox.work.resolve("composer.json"));
                scene.sandbox.writeFile("composer.json", json.replace("\"standby/greeting\": \"^1.0\"",
                        "\"standby/greeting\": \"^1.0\",\n        \"standby/no-such-package\": \"^9.0\""));
                scene.sandbox.deleteFile("composer.lock");
            }, "installing");

            assertThat(reason).contains("standby/no-such-package").contains("could not be resolved")
                    .contains("fix composer.json/composer.lock in the repository and commit");
        }

        @Test
        void composerThatHangsIsKilledAtItsTimeout() {
            String config = scene.baseConfig();
            scene.editConfig(yaml -> yaml + "install:\n  command: [php, -r, 'sleep(60);']\n  timeout: 2s\n");
            try {
                String reason = rejected("v2 whose install hangs", () -> scene.sandbox.writeFile("VERSION", "2"), "installing");

                assertThat(reason).contains("composer install did not finish within 2s").contains("was killed")
                        .contains("or raise the install timeout");
            } finally {
                scene.editConfig(yaml -> config);
            }
        }
    }

    @Nested
    class Service {

        @Test
        void aReleaseThatCrashesOnBootIsStoppedAndNamed() {
            String reason = rejected("crash on boot", () -> scene.sandbox.writeFile("BOOT_CRASH", "1"), "starting");

            // Swoole binds the port and runs mainServerCreate before it daemonizes: a crash there is the CLI's exit 255.
            assertThat(reason).contains("`php easyswoole.php server start -d -mode=produce` exited with 255 before the server ran")
                    .contains("BOOT_CRASH").contains("fix the release so that it boots, and commit");
        }

        @Test
        void aReleaseThatAnswers500IsStoppedBeforeAnyTrafficReachesIt() {
            String reason = rejected("health answers 500", () -> scene.sandbox.writeFile("HEALTH_500", "1"), "checking health");

            assertThat(reason).contains("the instance in slot green is not healthy after 8 attempt(s)")
                    .contains("GET http://127.0.0.1:" + scene.sandbox.greenPort + "/health answered 500 instead of 200")
                    .contains("fix the application and commit");
        }

        @Test
        void aReleaseSlowerThanTheStartTimeoutIsStopped() {
            String reason = rejected("boot in 10 s", () -> scene.sandbox.writeFile("SLOW_BOOT", "10"), "starting");

            // EasySwooleEvent::initialize runs before the server is created: the CLI has not returned by the timeout.
            assertThat(reason).contains("`php easyswoole.php server start -d -mode=produce` did not return within 4s")
                    .contains("EasySwooleEvent::initialize or mainServerCreate");
        }

        @Test
        void aReleaseThatBindsTheWrongPortIsStoppedAndThePortNamed() {
            int wrong = scene.sandbox.greenPort + 1000;

            String reason = rejected("bind the wrong port", () -> scene.sandbox.writeFile("WRONG_PORT", "1"), "starting");

            assertThat(reason).contains("did not serve port " + scene.sandbox.greenPort + " of slot green within 4s")
                    .contains("names master").contains("it listens on [" + wrong + "]")
                    .contains("Make the application bind MAIN_SERVER's PORT from produce.php");
            assertThat(Sandbox.isListening(wrong)).isFalse();
        }
    }

    /**
     * The old release ignores SIGTERM: retiring it takes {@code server stop -force}, and the new one goes live.
     * Last, since it leaves v3 live where the other cases expect v1.
     */
    @Nested
    @Order(Integer.MAX_VALUE)
    class OldReleaseThatNeverStops {

        @Test
        void isForcedOnceTheStopTimeoutPassesAndTheNewReleaseGoesLive() {
            scene.sandbox.writeFile("IGNORE_TERM", "1");
            scene.sandbox.writeFile("VERSION", "2");
            scene.commit("v2 ignores SIGTERM");
            AtomicReference<Programs.Ran> second = new AtomicReference<>();

            KeepAliveLoad.Report load = scene.underLoad(() -> {
                Programs.Ran first = scene.standby("deploy");
                assertThat(first.exit()).as(first.all()).isZero();
                scene.sandbox.deleteFile("IGNORE_TERM");
                scene.sandbox.writeFile("VERSION", "3");
                scene.commit("v3");
                second.set(scene.standby("deploy"));
            });

            Programs.Ran ran = second.get();
            assertThat(ran.exit()).as(ran.all()).isZero();
            assertThat(ran.out()).contains("live: ").contains("on blue:" + scene.sandbox.bluePort);
            assertThat(ran.err()).contains("still runs 3s after `server stop`: forcing it")
                    .contains("stopped in slot green").contains("with server stop -force");
            assertThat(load.failures()).as("%s", load).isEmpty();
            assertThat(scene.serving()).contains("version 3 on port " + scene.sandbox.bluePort);
            assertThat(Sandbox.isListening(scene.sandbox.greenPort)).isFalse();
            assertThat(scene.sandbox.phpServers()).hasSize(1);
            assertThat(scene.status().path("inFlight").isNull()).isTrue();
            assertThat(scene.halfWritten()).isEmpty();
        }
    }
}
