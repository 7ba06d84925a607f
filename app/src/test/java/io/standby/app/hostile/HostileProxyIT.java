package io.standby.app.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.standby.app.it.KeepAliveLoad;
import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;
import io.standby.testsupport.Nginx;
import io.standby.testsupport.Loopback;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy: when nginx cannot be switched, the release fails at the switch with the cause and the fix, nginx's
 * file is left (or put back) byte for byte as it was, nginx is not reloaded, the new instance is stopped and v1
 * keeps serving without a failed request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileProxyIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Scene scene;

    @BeforeAll
    void serveV1() {
        scene = Scene.v1BehindNginx(scratch);
    }

    /** Deploys a v2 with the configuration given, under load unless nginx is down, and takes v2 back afterwards. */
    private Programs.Ran switchRefused(Path config, boolean underLoad) {
        scene.sandbox.writeFile("VERSION", "2");
        scene.commit("v2");
        AtomicReference<Programs.Ran> deploy = new AtomicReference<>();
        try {
            if (underLoad) {
                KeepAliveLoad.Report load = scene.underLoad(() -> deploy.set(scene.standby(config, Map.of(), "deploy")));
                assertThat(load.failures()).as("%s", load).isEmpty();
            } else {
                deploy.set(scene.standby(config, Map.of(), "deploy"));
            }
        } finally {
            scene.dropLastCommit();
        }
        Programs.Ran ran = deploy.get();
        System.out.println("--- deploy ---\n" + ran.all());
        assertThat(ran.exit()).as(ran.all()).isEqualTo(1);
        assertThat(ran.out()).contains("failed at switching: ");
        assertThat(Sandbox.isListening(scene.sandbox.greenPort)).as("the new instance was stopped").isFalse();
        assertThat(scene.strayPhp()).isEmpty();
        assertThat(scene.halfWritten()).isEmpty();
        JsonNode status = scene.status(config);
        assertThat(status.path("inFlight").isNull()).isTrue();
        assertThat(status.at("/lastFailure/stage").asText()).isEqualTo("SWITCHING");
        return ran;
    }

    @Test
    void anNginxConfLeftInvalidBySomeoneElseIsNeitherTouchedNorReloaded() {
        Path conf = scene.sandbox.nginxConf();
        String good = Sandbox.read(conf);
        String broken = good.replace("    access_log off;\n", "    access_log off;\n    proxy_buffering maybe;\n");
        Sandbox.writeTo(conf, broken);
        Set<Long> workers = scene.nginxWorkers();
        try {
            Programs.Ran ran = switchRefused(scene.sandbox.config, true);

            assertThat(ran.out()).contains("nginx's configuration is already invalid before Standby changes anything")
                    .contains("proxy_buffering").contains("Fix: correct it until `").contains("passes, then deploy again")
                    .contains("Standby wrote nothing and did not reload");
            assertThat(Sandbox.read(conf)).isEqualTo(broken);
            assertThat(scene.nginxWorkers()).isEqualTo(workers);
            assertThat(scene.serving()).contains(scene.v1OnBlue());
        } finally {
            Sandbox.writeTo(conf, good);
        }
    }

    @Test
    void nginxNotRunningIsNamedAndNothingIsChanged() {
        byte[] conf = scene.bytes(scene.sandbox.nginxConf());
        scene.stopNginx();
        try {
            Programs.Ran ran = switchRefused(scene.sandbox.config, false);

            assertThat(ran.out()).contains("nginx is not running (no pid file at " + scene.root().resolve("nginx/nginx.pid") + ")")
                    .contains("so Standby cannot switch it to green").contains("Fix: start nginx (or, if it runs, set router.nginx.pid-file to the file its pid directive names), then deploy again; nothing was changed");
            assertThat(scene.bytes(scene.sandbox.nginxConf())).isEqualTo(conf);
            assertThat(Sandbox.isListening(scene.sandbox.bluePort)).as("v1 still runs").isTrue();
        } finally {
            scene.startNginx();
        }
        assertThat(scene.serving()).contains(scene.v1OnBlue());
    }

    @Test
    void aReloadCommandThatFailsPutsTheFileBackByteForByte() {
        byte[] conf = scene.bytes(scene.sandbox.nginxConf());
        Set<Long> workers = scene.nginxWorkers();
        Path missing = scene.root().resolve("nginx/not-here.conf");
        String reload = scene.baseConfig().lines().filter(l -> l.startsWith("    reload-command: ")).findFirst().orElseThrow();
        Path config = scene.configWith("reload-fails.yml", reload,
                "    reload-command: [" + Nginx.binary() + ", -s, reload, -p, " + scene.root().resolve("nginx") + ", -c, " + missing + "]");

        Programs.Ran ran = switchRefused(config, true);

        assertThat(ran.out()).contains("-c " + missing + "` failed: ").contains(missing.toString())
                .contains("was restored byte for byte")
                .contains("Fix: make that command work for the user Standby runs as (router.nginx.reload-command: the same -p and -c as nginx runs with), then deploy again");
        assertThat(scene.bytes(scene.sandbox.nginxConf())).isEqualTo(conf);
        assertThat(scene.nginxWorkers()).isEqualTo(workers);
        assertThat(scene.serving()).contains(scene.v1OnBlue());
    }

    @Test
    void nginxPointingAtNeitherSlotIsNotGuessedAt() {
        byte[] conf = scene.bytes(scene.sandbox.nginxConf());
        Set<Long> workers = scene.nginxWorkers();
        int blue = Loopback.freePort();
        int green = Loopback.freePort();
        String yaml = scene.baseConfig()
                .replace("  blue: " + scene.sandbox.bluePort + "\n", "  blue: " + blue + "\n")
                .replace("  green: " + scene.sandbox.greenPort + "\n", "  green: " + green + "\n")
                .replace("state-dir: " + scene.sandbox.state, "state-dir: " + scene.root().resolve("state-neither"));
        Path config = scene.configFile("neither.yml", yaml);

        Programs.Ran check = scene.standby(config, Map.of(), "check-config");
        assertThat(check.out()).contains("note the proxy routes to neither slot");
        Programs.Ran ran = switchRefused(config, true);

        assertThat(ran.out()).contains("\"upstream easyswoole.relase.com\" in " + scene.sandbox.nginxConf() + " sends to 127.0.0.1:"
                        + scene.sandbox.bluePort).contains("which is neither blue:" + blue + " nor green:" + green)
                .contains("so Standby will not guess what to rewrite")
                .contains("Fix: point its server lines at the serving slot's port, or correct the slot ports in the settings");
        assertThat(Sandbox.isListening(blue)).as("the new instance was stopped").isFalse();
        assertThat(scene.bytes(scene.sandbox.nginxConf())).isEqualTo(conf);
        assertThat(scene.nginxWorkers()).isEqualTo(workers);
        assertThat(scene.serving()).contains(scene.v1OnBlue());
    }
}
