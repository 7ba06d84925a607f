package io.standby.app.hostile;

import io.standby.app.it.KeepAliveLoad;
import io.standby.app.it.Programs;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Security: Standby never hands text to a shell, so shell syntax in a branch name, a commit message or a file
 * name is inert; a release directory cannot be named outside the releases root; the repository's secret never
 * reaches a log, {@code status}, the history or the state directory; and nothing Standby writes is world-writable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSecurityIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    /** Each would be created by a shell that ran the text it appears in. */
    private static final List<String> MARKERS = List.of("PWNED-branch", "PWNED-subject", "PWNED-backtick", "PWNED-body",
            "PWNED-file", "PWNED-semicolon", "PWNED-dir");

    private Scene scene;

    private Path canary;
    private String branch;
    private String subject;
    private Programs.Ran deploy;
    private KeepAliveLoad.Report load;

    /**
     * Releases, from a branch whose name is a command substitution, a commit whose message and file names are
     * shell commands. The destructive payload targets a canary directory, never anything that matters.
     */
    @BeforeAll
    void releaseACommitFullOfShellSyntax() throws IOException {
        scene = Scene.v1BehindNginx(scratch);
        Path root = scene.root();
        canary = Files.createDirectories(root.resolve("canary"));
        branch = "release/$(touch${IFS}" + root.resolve("PWNED-branch") + ")`touch${IFS}PWNED-branch`";
        subject = "$(touch " + root.resolve("PWNED-subject") + ") `touch " + root.resolve("PWNED-backtick") + "`";
        String body = "; rm -rf " + canary + " ; touch " + root.resolve("PWNED-body") + " #";
        scene.sandbox.writeFile("VERSION", "2");
        scene.sandbox.writeFile("$(touch PWNED-file)", "x");
        scene.sandbox.writeFile("; touch PWNED-semicolon #.txt", "x");
        scene.sandbox.writeFile("`touch PWNED-dir`/|| touch PWNED-dir", "x");
        scene.git(scene.sandbox.work, "add", "-A");
        scene.git(scene.sandbox.work, "-c", "user.name=Dev $(touch PWNED-subject)", "-c", "user.email=dev@example.com",
                "commit", "-q", "-m", subject + "\n\n" + body);
        scene.git(scene.sandbox.work, "push", "-q", "origin", "HEAD:refs/heads/" + branch);
        scene.editConfig(yaml -> yaml.replace("  branch: master\n", "  branch: '" + branch + "'\n"));

        load = scene.underLoad(() -> deploy = scene.standby("deploy"));
    }

    @Test
    void shellSyntaxInABranchNameACommitMessageAndFileNamesIsInert() {
        assertThat(deploy.exit()).as(deploy.all()).isZero();
        assertThat(load.failures()).as("%s", load).isEmpty();
        assertThat(scene.serving()).contains("version 2 on port " + scene.sandbox.greenPort);
        assertThat(found(scene.root(), MARKERS)).isEmpty();
        assertThat(found(Path.of("").toAbsolutePath(), MARKERS)).isEmpty();
        assertThat(canary).isDirectory();
        assertThat(scene.standby("history").out()).contains(subject);
        assertThat(scene.status().at("/live/release/revision/message").asText()).startsWith(subject).contains("; rm -rf " + canary);
        Path release = Path.of(java.net.URI.create(scene.status().at("/live/release/directory").asText()));
        assertThat(release.resolve("$(touch PWNED-file)")).hasContent("x");
        assertThat(release.resolve("; touch PWNED-semicolon #.txt")).hasContent("x");
    }

    @Test
    void aReleaseNameCannotLeaveTheReleasesRoot() throws IOException {
        Path releases = scene.sandbox.state.resolve("releases");
        Set<Path> before = listing(releases);
        Set<Path> top = listing(scene.root());

        for (String name : List.of("../../../../tmp/standby-escape", "20240131120000-1a2b3c4/../../../x", "/etc")) {
            Programs.Ran rollback = scene.standby("rollback", name);
            assertThat(rollback.exit()).as(rollback.all()).isEqualTo(2);
            assertThat(rollback.err()).contains("'" + name + "' is not a release id: give one that `standby history` lists")
                    .contains("nothing was changed");
        }
        Programs.Ran deployByPath = scene.standby("deploy", "--revision", "../../../../tmp/x");
        assertThat(deployByPath.exit()).as(deployByPath.all()).isEqualTo(2);
        assertThat(deployByPath.err()).contains("no commit '../../../../tmp/x' in the repository");

        assertThat(listing(releases)).isEqualTo(before);
        assertThat(listing(scene.root())).isEqualTo(top);
        assertThat(Path.of("/tmp/standby-escape")).doesNotExist();
        assertThat(scene.serving()).contains("version 2 on port " + scene.sandbox.greenPort);
    }

    @Test
    void nothingStandbyWroteIsWorldWritable() {
        assertThat(deploy.exit()).as(deploy.all()).isZero();

        assertThat(Scene.worldWritable(scene.sandbox.state)).isEmpty();
        assertThat(Scene.worldWritable(scene.sandbox.nginxConf())).isEmpty();
    }

    /** The repository needs a token: it is used, and shown nowhere. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    class Secrets {

        @Test
        void theRepositoryTokenNeverReachesLogsStatusHistoryOrTheStateDirectory() {
            String token = "tok-" + UUID.randomUUID();
            Scene own = Scene.v1BehindNginx(scratch);
            try (DumbHttpGit http = new DumbHttpGit(own.sandbox.bare, "deployer", token)) {
                own.editConfig(yaml -> yaml.replace("  url: " + own.sandbox.bare.toUri(),
                        "  url: " + http.url() + "\n  username: deployer\n  secret-env: STANDBY_GIT_TOKEN"));
                Map<String, String> env = Map.of("STANDBY_GIT_TOKEN", token, "STANDBY_LOG_LEVEL", "DEBUG");
                Scene.Agent agent = own.agent(own.sandbox.config, env);
                agent.awaitLog("as the live release", Duration.ofSeconds(30));

                own.sandbox.writeFile("VERSION", "2");
                own.commit("v2 from a private repository");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> own.serving().contains("version 2 on port " + own.sandbox.greenPort));
                await().atMost(Duration.ofSeconds(30)).until(() -> own.status().path("inFlight").isNull());
                // A Swoole-style server renames itself, which wipes what /proc shows of its environment: ask the service.
                assertThat(own.sandbox.throughProxy("/env?name=PATH")).as("the live service reads its environment").isEqualTo("200 set");
                assertThat(own.sandbox.throughProxy("/env?name=STANDBY_GIT_TOKEN"))
                        .as("the token in the environment of the service Standby started").isEqualTo("200 unset");
                assertThat(agent.terminate(Duration.ofSeconds(30))).isZero();

                assertThat(http.authorized()).as("the token was used").isPositive();
                StringBuilder shown = new StringBuilder();
                for (String command : List.of("status", "history")) {
                    shown.append(own.standby(own.sandbox.config, env, command).all());
                    shown.append(own.standby(own.sandbox.config, env, command, "--json").all());
                }
                shown.append(own.standby(own.sandbox.config, env, "check-config").all());
                assertThat(shown).as("what status, history and check-config print").doesNotContain(token);
                assertThat(agent.log()).as("the agent's log, at DEBUG").doesNotContain(token).contains("v2 from a private repository");
                assertThat(Scene.grep(own.sandbox.state, token)).as("files in the state directory holding the token").isEmpty();
            }
        }
    }

    private static List<Path> found(Path top, List<String> names) {
        return Scene.files(top).stream().filter(p -> names.contains(p.getFileName().toString())).toList();
    }

    /** The entries right inside the directory. */
    private static Set<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return Set.copyOf(files.toList());
        }
    }
}
