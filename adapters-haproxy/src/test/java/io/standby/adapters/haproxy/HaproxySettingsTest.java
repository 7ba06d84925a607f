package io.standby.adapters.haproxy;

import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaproxySettingsTest {

    private final HaproxySettings settings = HaproxySettings.of(Path.of("/run/haproxy/admin.sock"), "app",
            Path.of("/etc/haproxy/haproxy.cfg"));

    @Test
    void aSlotsServerIsNamedLikeTheSlotUnlessMapped() {
        Slots slots = Slots.of(9501, 9502);

        assertThat(settings.serverFor(slots.blue())).isEqualTo("blue");
        assertThat(settings.withServers(Map.of("blue", "app1")).serverFor(slots.blue())).isEqualTo("app1");
        assertThat(settings.withServers(Map.of("blue", "app1")).serverFor(slots.green())).isEqualTo("green");
    }

    @Test
    void defaultsAreHaproxyFromThePathAndShortTimeouts() {
        assertThat(settings.binary()).isEqualTo("haproxy");
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.switchTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void namesHaproxyWouldRejectAreRefusedUpFront() {
        assertThatThrownBy(() -> settings.withServers(Map.of("blue", "app 1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server for slot blue");
        assertThatThrownBy(() -> HaproxySettings.of(Path.of("s"), "my/backend", Path.of("c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backend");
    }

    @Test
    void timeoutsMustBeAboveZero() {
        assertThatThrownBy(() -> settings.withSwitchTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switchTimeout");
    }

    @Test
    void theMinimalConfigDisablesTheIdleSlotsServer() {
        Slots slots = Slots.of(9501, 9502);

        String config = new MinimalHaproxyConfig(":8080", Path.of("/run/haproxy/admin.sock"), "app", slots,
                slots.blue()).render();

        assertThat(config)
                .contains("stats socket /run/haproxy/admin.sock mode 600 level admin")
                .contains("    bind :8080\n")
                .contains("    server blue 127.0.0.1:9501 check\n")
                .contains("    server green 127.0.0.1:9502 check disabled\n")
                .contains("http-reuse safe");
    }
}
