package io.standby.app.wiring;

import io.standby.adapters.nginx.NginxSettings;
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
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapters get the configuration's values, defaults included, and no others. */
class AdapterSettingsTest {

    private static final String FLAG = ConfigLoaderTest.VALID.replace("app: shop", "app: my-shop").replace(
            "    config-file: /etc/nginx/nginx.conf\n    upstream: easyswoole.relase.com\n",
            "    mode: flag\n    flag-file: /var/lib/standby/shop/green\n");

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

    private AdapterSettings settings(String yaml, Map<String, String> environment) throws IOException {
        StandbyConfig config = new ConfigLoader().load(Files.writeString(dir.resolve("standby.yml"), yaml));
        return new AdapterSettings(config, environment);
    }
}
