package io.standby.adapters.haproxy;

import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaproxySettingsTest {

    private static final Slots SLOTS = Slots.of(9501, 9502);

    private final HaproxySettings settings = TestSettings.of(Path.of("/run/haproxy/admin.sock"), "app",
            Path.of("/etc/haproxy/haproxy.cfg"));

    @Test
    void eachSlotHasTheServerItIsMappedTo() {
        HaproxySettings mapped = TestSettings.withServers(settings, Map.of("blue", "app1", "green", "app2"));

        assertThat(mapped.serverFor(SLOTS.blue())).isEqualTo("app1");
        assertThat(mapped.serverFor(SLOTS.green())).isEqualTo("app2");
    }

    @Test
    void aSlotWithoutAServerIsABugNotASecondDefault() {
        HaproxySettings blueOnly = TestSettings.withServers(settings, Map.of("blue", "app1"));

        assertThatThrownBy(() -> blueOnly.serverFor(SLOTS.green())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slot green");
    }

    @Test
    void namesAreHaproxysOwn() {
        assertThat(HaproxyNames.isName("app_1.v2:web-a")).isTrue();
        assertThat(HaproxyNames.isName("app 1")).isFalse();
        assertThat(HaproxyNames.isName("my/backend")).isFalse();
        assertThat(HaproxyNames.isName("")).isFalse();
    }

    @Test
    void theMinimalConfigRefusesABackendNameHaproxyWouldReject() {
        assertThatThrownBy(() -> new MinimalHaproxyConfig(":8080", Path.of("/run/haproxy/admin.sock"), "my/backend", SLOTS,
                SLOTS.blue())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backend");
    }

    @Test
    void theMinimalConfigDisablesTheIdleSlotsServer() {
        String config = new MinimalHaproxyConfig(":8080", Path.of("/run/haproxy/admin.sock"), "app", SLOTS,
                SLOTS.blue()).render();

        assertThat(config)
                .contains("stats socket /run/haproxy/admin.sock mode 600 level admin")
                .contains("    bind :8080\n")
                .contains("    server blue 127.0.0.1:9501 check\n")
                .contains("    server green 127.0.0.1:9502 check disabled\n")
                .contains("http-reuse safe");
    }
}
