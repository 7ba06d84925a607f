package io.standby.app.it;

import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands an operator types before any release: help, the nginx snippet, the set-up check. */
class CommandsIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;

    @BeforeEach
    void aServerInFlagMode() {
        sandbox = new Sandbox(scratch, Sandbox.Router.NGINX_FLAG).withHandDeployedV1().writeConfig("");
    }

    @Test
    void helpListsEveryCommand() {
        Programs.Ran help = sandbox.standby("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "deploy", "rollback", "status", "history", "check-config", "nginx-config");
    }

    @Test
    void theConfigurationFileMayBeNamedAfterTheVerb() {
        Programs.Ran check = jar("check-config", "-c", sandbox.config.toString());
        Programs.Ran status = jar("status", "--config", sandbox.config.toString(), "--json");

        assertThat(check.exit()).as(check.all()).isZero();
        assertThat(check.out()).contains("ok   configuration " + sandbox.config);
        assertThat(status.exit()).as(status.all()).isZero();
        assertThat(status.out()).contains("\"live\"");
    }

    @Test
    void everyVerbExplainsItselfAndTheShellCanComplete() {
        Programs.Ran runHelp = jar("run", "--help");
        Programs.Ran helpDeploy = jar("help", "deploy");
        Programs.Ran completion = jar("generate-completion");

        assertThat(runHelp.exit()).as(runHelp.all()).isZero();
        assertThat(runHelp.out()).contains("Usage: standby run", "-c, --config=FILE");
        assertThat(helpDeploy.exit()).as(helpDeploy.all()).isZero();
        assertThat(helpDeploy.out()).contains("Usage: standby deploy", "--revision=SHA");
        assertThat(completion.exit()).as(completion.all()).isZero();
        assertThat(completion.out()).contains("complete -F _complete_standby", "check-config", "--config");
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
    void checkConfigNamesASharedFileThatIsNotThereYet() {
        sandbox.writeConfig("shared:\n  files: [.env]\n");

        Programs.Ran check = sandbox.standby("check-config");

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.out()).contains("FAIL the shared file .env is missing: create " + sandbox.state.resolve("shared/.env"));

        Sandbox.writeTo(sandbox.state.resolve("shared/.env"), "APP_KEY=x\n");

        assertThat(sandbox.standby("check-config").exit()).isZero();
    }

    @Test
    void checkConfigNamesWhatTheRunningNginxLacks() {
        Sandbox.writeTo(sandbox.nginxConf(), Sandbox.read(sandbox.nginxConf()).replace(
                "if (-f " + sandbox.flagFile() + ") { set $standby_pool sample_green; }", ""));

        Programs.Ran check = sandbox.standby("check-config");

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.out()).contains("FAIL").contains(sandbox.flagFile().toString());
    }

    @Test
    void aJournalFromANewerStandbyStopsTheAgentUntouchedAndTheLiveReleaseKeepsServing() {
        String before = sandbox.throughProxy();
        String newer = "{\"schema\":2,\"serving\":{\"release\":\"20270101000000-abcdef0\",\"slot\":\"green\"}}";
        Sandbox.writeTo(sandbox.state.resolve("live.json"), newer);

        for (String verb : List.of("run", "deploy")) {
            Programs.Ran ran = sandbox.standby(verb);

            assertThat(ran.exit()).as("%s: %s", verb, ran.all()).isEqualTo(4);
            assertThat(ran.err()).contains(sandbox.state.resolve("live.json") + " was written by a newer Standby")
                    .contains("upgrade standby");
        }
        assertThat(Sandbox.read(sandbox.state.resolve("live.json"))).isEqualTo(newer);
        assertThat(sandbox.inFlightJournal()).isEmpty();
        assertThat(sandbox.historyJournal()).isEmpty();
        assertThat(sandbox.throughProxy()).isEqualTo(before);
        assertThat(sandbox.flagFile()).doesNotExist();
    }

    /** Two thousand commits are enough for several to start with the same four digits, as in any busy repository. */
    @Test
    void deployingAnAmbiguousCommitIdIsTheRequestsFaultAndNamesTheCandidates() {
        List<String> sharing = sandbox.pushEmptyCommits(2000).stream()
                .collect(Collectors.groupingBy(sha -> sha.substring(0, 4))).values().stream()
                .filter(group -> group.size() == 2)
                .findFirst().orElseThrow();
        String prefix = sharing.get(0).substring(0, 4);
        String before = sandbox.throughProxy();

        Programs.Ran deploy = sandbox.standby("deploy", "--revision", prefix);

        assertThat(deploy.exit()).as(deploy.all()).isEqualTo(2);
        assertThat(deploy.err()).contains("commit id '" + prefix + "' is ambiguous: 2 commits start with it")
                .contains(sharing.get(0).substring(0, 7)).contains(sharing.get(1).substring(0, 7))
                .contains("give more of its digits").doesNotContain("bug");
        assertThat(sandbox.inFlightJournal()).isEmpty();
        assertThat(sandbox.historyJournal()).extracting(e -> e.path("result").asText()).containsExactly("ADOPTED");
        assertThat(sandbox.throughProxy()).isEqualTo(before);
    }

    /** The fat jar run as an operator types it, in a directory without a standby.yml and without -c put first. */
    private Programs.Ran jar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Sandbox.JAR.toString()));
        command.addAll(List.of(args));
        Path elsewhere = sandbox.root.resolve("elsewhere");
        elsewhere.toFile().mkdirs();
        return Programs.run(elsewhere, Duration.ofMinutes(1), command);
    }
}
