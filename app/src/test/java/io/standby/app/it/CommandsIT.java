package io.standby.app.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands an operator types before any release: help, the nginx snippet, the set-up check. */
class CommandsIT {

    @TempDir
    Path dir;

    private Sandbox sandbox;

    @BeforeEach
    void aServerInFlagMode() {
        sandbox = new Sandbox(dir, Sandbox.Router.NGINX_FLAG).withHandDeployedV1().writeConfig("");
    }

    @AfterEach
    void stopEverything() {
        sandbox.close();
    }

    @Test
    void helpListsEveryCommand() {
        Programs.Ran help = sandbox.standby("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "deploy", "rollback", "status", "history", "check-config", "nginx-config");
    }

    @Test
    void nginxConfigPrintsTheSnippetToIncludeOnce() {
        Programs.Ran snippet = sandbox.standby("nginx-config");

        assertThat(snippet.exit()).isZero();
        assertThat(snippet.out())
                .contains("upstream sample_blue", "127.0.0.1:" + sandbox.bluePort, "upstream sample_green", "127.0.0.1:" + sandbox.greenPort)
                .contains("if (-f " + sandbox.flagFile() + ")")
                .contains("proxy_pass http://$standby_pool");
    }

    @Test
    void checkConfigPassesOnAGoodSetUpAndChangesNothing() {
        String before = sandbox.throughProxy();

        Programs.Ran check = sandbox.standby("check-config");

        assertThat(check.exit()).as(check.all()).isZero();
        assertThat(check.out()).contains("ok   the proxy routes to blue:" + sandbox.bluePort).doesNotContain("FAIL");
        assertThat(sandbox.throughProxy()).isEqualTo(before);
        assertThat(sandbox.flagFile()).doesNotExist();
    }

    @Test
    void checkConfigNamesWhatTheRunningNginxLacks() {
        Sandbox.writeTo(sandbox.nginxConf(), Sandbox.read(sandbox.nginxConf()).replace(
                "if (-f " + sandbox.flagFile() + ") { set $standby_pool sample_green; }", ""));

        Programs.Ran check = sandbox.standby("check-config");

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.out()).contains("FAIL").contains(sandbox.flagFile().toString());
    }
}
