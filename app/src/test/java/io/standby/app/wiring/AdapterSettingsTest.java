package io.standby.app.wiring;

import io.standby.adapters.http.Forge;
import io.standby.adapters.http.ListenSettings;
import io.standby.adapters.http.WebhookSettings;
import io.standby.adapters.nginx.NginxSettings;
import io.standby.adapters.notify.DingTalkSettings;
import io.standby.adapters.notify.HttpTimeouts;
import io.standby.adapters.notify.NotifySettings;
import io.standby.adapters.notify.RetryPolicy;
import io.standby.adapters.notify.SlackSettings;
import io.standby.adapters.notify.WeComSettings;
import io.standby.app.hooks.HookCommands;
import io.standby.domain.model.Hook;
import io.standby.app.config.ConfigException;
import io.standby.app.config.ConfigLoader;
import io.standby.app.config.ConfigLoaderTest;
import io.standby.app.config.StandbyConfig;
import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapters get the configuration's values, defaults included, and no others. */
class AdapterSettingsTest {

    private static final String FLAG = ConfigLoaderTest.VALID.replace("app: shop", "app: my-shop").replace(
            "    config-file: /etc/nginx/nginx.conf\n    upstream: easyswoole.relase.com\n",
            "    mode: flag\n    flag-file: /var/lib/standby/shop/green\n");

    static final String OPERATIONS = ConfigLoaderTest.VALID.replace("  branch: main\n",
            "  branch: main\n  username: deploy\n  secret-env: SHOP_TOKEN\n") + """
            listen:
              port: 9090
            webhook:
              forge: github
              secret-env: HOOK_SECRET
            notify:
              webhook:
                url-env: NOTIFY_URL
                headers: {X-Team: payments}
                secret-headers: {Authorization: NOTIFY_AUTH}
              slack:
                url-env: SLACK_URL
              dingtalk:
                url-env: DING_URL
                secret-env: DING_SECRET
              wecom:
                url-env: WECOM_URL
            hooks:
              after-install:
                - [php, bin/migrate.php]
            """;
    static final Map<String, String> ENVIRONMENT = Map.of("SHOP_TOKEN", "t", "HOOK_SECRET", "hook-s3cret",
            "NOTIFY_URL", "https://ops.example.com/hook", "NOTIFY_AUTH", "Bearer t0ken",
            "SLACK_URL", "https://hooks.slack.com/services/T/B/x", "DING_URL", "https://oapi.dingtalk.com/robot/send?access_token=t",
            "DING_SECRET", "SECx", "WECOM_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");

    @TempDir
    Path dir;

    @Test
    void theProbeWaitsTheConfiguredIntervalAndNginxTheConfiguredReloadTimeout() throws IOException {
        AdapterSettings settings = settings(ConfigLoaderTest.VALID, Map.of());

        assertThat(settings.health().interval()).as("health.interval's one default").isEqualTo(Duration.ofMillis(500));
        assertThat(settings.health().proxyUrl()).isEqualTo("http://127.0.0.1:80");
        assertThat(settings.nginx().reloadTimeout()).as("router.nginx.reload-timeout's one default").isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.nginx().mode()).isEqualTo(NginxSettings.Mode.RELOAD);
        assertThat(settings.git().timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void flagModesUpstreamsAndSupervisordsProgramsAreNamedAfterTheApp() throws IOException {
        AdapterSettings settings = settings(FLAG + "service:\n  runtime: supervisord\n", Map.of());

        assertThat(settings.nginx().upstream()).isEqualTo("my_shop");
        assertThat(settings.nginx().slots()).isEqualTo(Slots.of(9501, 9502));
        assertThat(settings.supervisord().program()).isEqualTo("my-shop-{slot}");
        assertThat(settings.supervisord().config()).isEmpty();
    }

    @Test
    void haproxysServersAreMappedPerSlot() throws IOException {
        String haproxy = ConfigLoaderTest.withHaproxy(ConfigLoaderTest.VALID) + "    green-server: app2\n";

        assertThat(settings(haproxy, Map.of()).haproxy().servers()).isEqualTo(Map.of("blue", "blue", "green", "app2"));
    }

    @Test
    void theSecretComesFromTheNamedVariableWhichMustHoldOne() throws IOException {
        String withSecret = ConfigLoaderTest.VALID.replace("  branch: main\n", "  branch: main\n  username: deploy\n  secret-env: SHOP_TOKEN\n");

        assertThat(settings(withSecret, Map.of("SHOP_TOKEN", "s3cr3t")).git().secret()).isEqualTo(Optional.of("s3cr3t"));
        assertThatThrownBy(() -> settings(withSecret, Map.of()).git()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SHOP_TOKEN, which is not set");
        assertThatThrownBy(() -> settings(withSecret, Map.of("SHOP_TOKEN", "  ")).git()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SHOP_TOKEN, which holds only blanks");
    }

    @Test
    void everyVariableNamedForASecretIsWithheldFromThePrograms() throws IOException {
        AdapterSettings settings = settings(OPERATIONS, ENVIRONMENT);

        assertThat(settings.secretVariables()).containsExactlyInAnyOrder("SHOP_TOKEN", "HOOK_SECRET", "NOTIFY_URL",
                "NOTIFY_AUTH", "SLACK_URL", "DING_URL", "DING_SECRET", "WECOM_URL");
    }

    @Test
    void eachNotifierGetsItsUrlAndSecretsFromTheEnvironmentAndTheSharedTimeouts() throws IOException {
        NotifySettings notify = settings(OPERATIONS, ENVIRONMENT).notifications();

        HttpTimeouts timeouts = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(notify.app()).isEqualTo("shop");
        assertThat(notify.retries()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(notify.queueCapacity()).isEqualTo(100);
        assertThat(notify.closeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(notify.notifiers()).containsExactly(
                new io.standby.adapters.notify.WebhookSettings("https://ops.example.com/hook",
                        Map.of("X-Team", "payments", "Authorization", "Bearer t0ken"), timeouts),
                new SlackSettings("https://hooks.slack.com/services/T/B/x", timeouts),
                new DingTalkSettings("https://oapi.dingtalk.com/robot/send?access_token=t", Optional.of("SECx"), timeouts),
                new WeComSettings("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", timeouts));
    }

    @Test
    void theHookGetsItsSecretTheFollowedBranchAndTheListenerItsAddress() throws IOException {
        AdapterSettings settings = settings(OPERATIONS, ENVIRONMENT);

        assertThat(settings.webhook()).isEqualTo(new WebhookSettings(Forge.GITHUB, "hook-s3cret", "main", Duration.ofMinutes(5)));
        assertThat(settings.webhook().toString()).doesNotContain("hook-s3cret");
        assertThat(settings.listen()).isEqualTo(new ListenSettings("127.0.0.1", 9090, 1024 * 1024));
    }

    @Test
    void aSecretVariableThatIsNotSetStopsTheStartNamingIt() throws IOException {
        Map<String, String> withoutDingTalk = new java.util.HashMap<>(ENVIRONMENT);
        withoutDingTalk.remove("DING_SECRET");
        Map<String, String> withoutHook = new java.util.HashMap<>(ENVIRONMENT);
        withoutHook.remove("HOOK_SECRET");

        assertThatThrownBy(() -> settings(OPERATIONS, withoutDingTalk).notifications()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("notify.dingtalk.secret-env names the variable DING_SECRET, which is not set");
        assertThatThrownBy(() -> settings(OPERATIONS, withoutHook).webhook()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("webhook.secret-env names the variable HOOK_SECRET, which is not set");
    }

    @Test
    void hooksRunTheConfiguredCommandsWithTheirTimeout() throws IOException {
        HookCommands hooks = settings(OPERATIONS, ENVIRONMENT).hooks();

        assertThat(hooks.at(Hook.AFTER_INSTALL)).containsExactly(List.of("php", "bin/migrate.php"));
        assertThat(hooks.at(Hook.BEFORE_SWITCH)).isEmpty();
        assertThat(hooks.timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    private AdapterSettings settings(String yaml, Map<String, String> environment) throws IOException {
        StandbyConfig config = new ConfigLoader().load(Files.writeString(dir.resolve("standby.yml"), yaml));
        return new AdapterSettings(config, environment);
    }
}
