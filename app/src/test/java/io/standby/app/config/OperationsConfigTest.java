package io.standby.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The listener, the push hook, notifications, hooks and shared files: read as the README writes them, and refused at
 * load with the key, the cause and the fix when they cannot work.
 */
class OperationsConfigTest {

    private static final String VALID = ConfigLoaderTest.VALID;

    @TempDir
    Path dir;

    @Test
    void aFileWithoutTheSectionsHasNoListenerNoNotifierNoHookAndNothingShared() throws IOException {
        StandbyConfig config = load(VALID);

        assertThat(config.listen().portIfSet()).isEmpty();
        assertThat(config.listen().address()).isEqualTo("127.0.0.1");
        assertThat(config.listen().bodyLimit().bytes()).isEqualTo(1024 * 1024);
        assertThat(config.webhook()).isNull();
        assertThat(config.notifications().any()).isFalse();
        assertThat(config.hooks().afterInstall()).isEmpty();
        assertThat(config.hooks().timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.shared().files()).isEmpty();
        assertThat(config.health().requireRevision()).isFalse();
    }

    @Test
    void theReadmesExampleReadsAsWritten() throws IOException {
        StandbyConfig config = load(VALID.replace("  proxy-url: http://127.0.0.1:80\n",
                "  proxy-url: http://127.0.0.1:80\n  require-revision: true\n") + """
                listen:
                  port: 9090
                  body-limit: 64KiB
                webhook:
                  forge: gitee
                  secret-env: STANDBY_WEBHOOK_SECRET
                  max-clock-skew: 2m
                notify:
                  attempts: 5
                  webhook:
                    url: https://ops.example.com/standby
                    headers: {X-Team: payments}
                    secret-headers: {Authorization: STANDBY_NOTIFY_AUTH}
                  slack:
                    url-env: STANDBY_SLACK_WEBHOOK
                  dingtalk:
                    url-env: STANDBY_DINGTALK_WEBHOOK
                    secret-env: STANDBY_DINGTALK_SECRET
                  wecom:
                    url-env: STANDBY_WECOM_WEBHOOK
                hooks:
                  timeout: 2m
                  after-install:
                    - [php, bin/migrate.php, --env=produce]
                  before-switch:
                    - [curl, -fsS, "http://127.0.0.1:9502/warm-up"]
                    - [php, bin/warm.php]
                shared:
                  files: [.env]
                  dirs: [storage, public/uploads]
                """);

        assertThat(config.health().requireRevision()).isTrue();
        assertThat(config.listen().port()).isEqualTo(9090);
        assertThat(config.listen().bodyLimit().bytes()).isEqualTo(64 * 1024);
        assertThat(config.webhook().forge()).isEqualTo(StandbyConfig.Forge.GITEE);
        assertThat(config.webhook().maxClockSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.notifications().attempts()).isEqualTo(5);
        assertThat(config.notifications().webhook().headers()).isEqualTo(Map.of("X-Team", "payments"));
        assertThat(config.notifications().webhook().secretHeaders()).isEqualTo(Map.of("Authorization", "STANDBY_NOTIFY_AUTH"));
        assertThat(config.notifications().dingtalk().secretEnvIfSet()).contains("STANDBY_DINGTALK_SECRET");
        assertThat(config.notifications().wecom().urlEnv()).isEqualTo("STANDBY_WECOM_WEBHOOK");
        assertThat(config.hooks().afterInstall()).containsExactly(List.of("php", "bin/migrate.php", "--env=produce"));
        assertThat(config.hooks().beforeSwitch()).hasSize(2);
        assertThat(config.hooks().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.shared().files()).containsExactly(Path.of(".env"));
        assertThat(config.shared().dirs()).containsExactly(Path.of("storage"), Path.of("public/uploads"));
    }

    static Stream<Arguments> unfitValues() {
        String hook = VALID + "listen:\n  port: 9090\nwebhook:\n  forge: github\n  secret-env: STANDBY_WEBHOOK_SECRET\n";
        return Stream.of(
                arguments(VALID + "poll-interval: 10m\n", "max-backoff (5m) is shorter than poll-interval (10m)"),
                arguments(VALID + "listen:\n  port: 70000\n", "listen.port is 70000, which is out of range"),
                arguments(VALID + "listen:\n  port: 0\n", "listen.port is 0, which is out of range"),
                arguments(VALID + "listen:\n  port: 80\n", "listen.port is 80, a privileged port that only root may listen on"),
                arguments(VALID + "listen:\n  port: 9502\n", "listen.port 9502 is also a slot's port (slots.blue 9501, slots.green 9502)"),
                arguments(VALID + "listen:\n  port: 9090\n  body-limit: 100\n", "listen.body-limit is 100: give a size from 1KiB to 64MiB"),
                arguments(VALID + "listen:\n  port: 9090\n  body-limit: 1GiB\n", "'1GiB' is not a size"),
                arguments(VALID + "webhook:\n  forge: github\n  secret-env: STANDBY_WEBHOOK_SECRET\n",
                        "webhook is set but listen.port is not"),
                arguments(hook.replace("forge: github", "forge: bitbucket"), "cannot be 'bitbucket': expected one of github, gitlab, gitea, gitee"),
                arguments(hook.replace("secret-env: STANDBY_WEBHOOK_SECRET", "secret-env: hunter2!"),
                        "webhook.secret-env 'hunter2!' is not the name of an environment variable"),
                arguments(hook.replace("  secret-env: STANDBY_WEBHOOK_SECRET\n", ""), "'webhook.secret-env' is missing"),
                arguments(hook + "  max-clock-skew: 2h\n", "webhook.max-clock-skew is 2h: it must be at most 1h"),
                arguments(hook + "  max-clock-skew: 0s\n", "webhook.max-clock-skew is zero"),
                arguments(VALID + "notify:\n  attempts: 0\n", "notify.attempts is 0: give a number from 1 to 10"),
                arguments(VALID + "notify:\n  backoff: 1m\n", "notify.max-backoff (30s) is shorter than notify.backoff (1m)"),
                arguments(VALID + "notify:\n  queue: 0\n", "notify.queue is 0: it must be at least 1"),
                arguments(VALID + "notify:\n  timeout: 0s\n", "notify.timeout is zero"),
                arguments(VALID + "notify:\n  webhook:\n    url: ops.example.com/hook?token=s3cret\n",
                        "notify.webhook.url is not an absolute http or https URL with a host"),
                arguments(VALID + "notify:\n  webhook:\n    headers: {X-Team: a}\n", "notify.webhook needs exactly one of url and url-env"),
                arguments(VALID + "notify:\n  webhook:\n    url: https://x.example\n    url-env: HOOK\n",
                        "notify.webhook needs exactly one of url and url-env"),
                arguments(VALID + "notify:\n  webhook:\n    url: https://x.example\n    headers: {Content-Type: text/plain}\n",
                        "notify.webhook.headers 'Content-Type' is set by Standby itself"),
                arguments(VALID + "notify:\n  webhook:\n    url: https://x.example\n    headers: {\"X Team\": a}\n",
                        "notify.webhook.headers 'X Team' is not an HTTP header name"),
                arguments(VALID + "notify:\n  webhook:\n    url: https://x.example\n    secret-headers: {Authorization: Bearer xyz}\n",
                        "notify.webhook.secret-headers 'Bearer xyz' is not the name of an environment variable"),
                arguments(VALID + "notify:\n  slack: {}\n", "'notify.slack.url-env' is missing"),
                arguments(VALID + "notify:\n  slack:\n    url: https://hooks.slack.com/services/T/B/x\n", "'notify.slack.url-env' is missing"),
                arguments(VALID + "notify:\n  dingtalk:\n    url-env: DING\n    secret-env: SEC-x\n",
                        "notify.dingtalk.secret-env 'SEC-x' is not the name of an environment variable"),
                arguments(VALID + "hooks:\n  after-install:\n    - []\n", "hooks.after-install names no program"),
                arguments(VALID + "hooks:\n  timeout: 0s\n", "hooks.timeout is zero"),
                arguments(VALID + "shared:\n  files: [/etc/passwd]\n", "'/etc/passwd' must be a path inside the release"),
                arguments(VALID + "shared:\n  dirs: [storage/../../etc]\n", "'storage/../../etc' must be a path inside the release"),
                arguments(VALID + "shared:\n  dirs: [..]\n", "shared.dirs '..' must be a path inside the release"),
                arguments(VALID + "shared:\n  files: [.env]\n  dirs: [.env]\n", "'.env' is in both shared.files and shared.dirs"));
    }

    @ParameterizedTest
    @MethodSource("unfitValues")
    void unfitValuesAreRefusedNamingTheKeyAndTheFix(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void aUrlWithItsTokenIsNeverQuotedInTheRefusal() {
        assertThatThrownBy(() -> load(VALID + "notify:\n  webhook:\n    url: hooks.example.com/T0/s3cret\n"))
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void variablesMustBeSetHoldMoreThanBlanksAndAUrlMustBeOne() {
        Variables variables = new Variables(Map.of("BLANK", "  ", "NOT_A_URL", "hooks.slack.com/services/s3cret",
                "SLACK", "https://hooks.slack.com/services/T/B/x", "TWO_LINES", "Bearer a\nX-Evil: b"));

        assertThat(variables.url("notify.slack.url-env", "SLACK")).isEqualTo("https://hooks.slack.com/services/T/B/x");
        assertThatThrownBy(() -> variables.url("notify.slack.url-env", "UNSET")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("notify.slack.url-env names the variable UNSET, which is not set: export it");
        assertThatThrownBy(() -> variables.secret("webhook.secret-env", "BLANK", "put the secret in it"))
                .hasMessageContaining("BLANK, which holds only blanks: put the secret in it");
        assertThatThrownBy(() -> variables.url("notify.wecom.url-env", "NOT_A_URL"))
                .hasMessageContaining("NOT_A_URL, whose value is not an absolute http or https URL").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> variables.header("notify.webhook.secret-headers", "Authorization", "TWO_LINES"))
                .hasMessageContaining("line break").hasMessageNotContaining("X-Evil");
    }

    private StandbyConfig load(String yaml) throws IOException {
        return new ConfigLoader().load(Files.writeString(dir.resolve("standby.yml"), yaml));
    }
}
