package io.standby.adapters.nginx;

import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings carry what the app's configuration decided: a value left out is a bug there, never a second default here. */
class NginxSettingsTest {

    private static final Slots SLOTS = Slots.of(9501, 9502);

    @Test
    void eachModeRequiresItsOwnFiles() {
        assertThatThrownBy(() -> TestSettings.reload(SLOTS, null, "app", Path.of("/run/nginx.pid")))
                .hasMessageContaining("configFile is required in RELOAD mode");
        assertThatThrownBy(() -> TestSettings.flag(SLOTS, "app", null))
                .hasMessageContaining("flagFile is required in FLAG mode");
    }

    @Test
    void aMissingValueIsRefusedRatherThanDefaulted() {
        assertThatNullPointerException().isThrownBy(() -> new NginxSettings(NginxSettings.Mode.FLAG, SLOTS, null, "app",
                null, null, Path.of("/var/lib/standby/app/green"), List.of("nginx", "-t"), List.of("nginx", "-s", "reload"),
                List.of("nginx", "-T"), Duration.ofSeconds(30), Duration.ofSeconds(30))).withMessage("host");
        assertThatNullPointerException().isThrownBy(() -> TestSettings.withTimeouts(
                TestSettings.flag(SLOTS, "app", Path.of("/var/lib/standby/app/green")), Duration.ofSeconds(30), null))
                .withMessage("reloadTimeout");
    }
}
