package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NginxSettingsTest {

    private static final Slots SLOTS = Slots.of(9501, 9502);

    @Test
    void reloadModeDefaultsToNginxOnThePathAndNoExtraDrainTime() {
        NginxSettings settings = NginxSettings.reload(SLOTS, Path.of("/etc/nginx/nginx.conf"), "app", Path.of("/run/nginx.pid"));

        assertThat(settings.testCommand()).containsExactly("nginx", "-t");
        assertThat(settings.reloadCommand()).containsExactly("nginx", "-s", "reload");
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.drainMinimum()).isZero();
    }

    @Test
    void flagModeAsksForADrainMinimumBecauseItCannotSeeInFlightRequests() {
        NginxSettings settings = NginxSettings.flag(SLOTS, "app", Path.of("/var/lib/standby/app/green"));

        assertThat(settings.drainMinimum()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void eachModeRequiresItsOwnFiles() {
        assertThatThrownBy(() -> NginxSettings.reload(SLOTS, null, "app", Path.of("/run/nginx.pid")))
                .hasMessageContaining("configFile is required in RELOAD mode");
        assertThatThrownBy(() -> NginxSettings.flag(SLOTS, "app", null))
                .hasMessageContaining("flagFile is required in FLAG mode");
    }

    @Test
    void refusesAFlagPathThatNginxWouldReadDifferently() {
        assertThatThrownBy(() -> NginxSettings.flag(SLOTS, "app", Path.of("relative/green")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> NginxSettings.flag(SLOTS, "app", Path.of("/var/lib/my app/green")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NginxSettings.flag(SLOTS, "app", Path.of("/var/lib/$app/green")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBadNamesCommandsAndTimeouts() {
        NginxSettings settings = NginxSettings.flag(SLOTS, "app", Path.of("/var/lib/standby/app/green"));

        assertThatThrownBy(() -> NginxSettings.flag(SLOTS, "my app", Path.of("/x/green")))
                .hasMessageContaining("upstream name");
        assertThatThrownBy(() -> settings.withCommands(List.of(), List.of("nginx"), List.of("nginx")))
                .hasMessageContaining("testCommand needs at least the program");
        assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("commandTimeout must be more than zero");
        assertThatThrownBy(() -> settings.withDrainMinimum(Duration.ofSeconds(-1)))
                .hasMessageContaining("drainMinimum cannot be negative");
    }
}
