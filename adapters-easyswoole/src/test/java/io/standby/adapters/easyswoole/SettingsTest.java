package io.standby.adapters.easyswoole;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The settings carry what the app's configuration decided: a value left out is a bug there, never a second default here. */
class SettingsTest {

    private static final Path LOGS = Path.of("/var/log/standby");

    @Test
    void aMissingValueIsRefusedRatherThanDefaulted() {
        assertThatNullPointerException().isThrownBy(() -> new HealthSettings("/health", 200, Duration.ofSeconds(2), 30,
                null, "http://127.0.0.1:80", false)).withMessage("interval");
        assertThatNullPointerException().isThrownBy(() -> new HealthSettings("/health", 200, Duration.ofSeconds(2), 30,
                Duration.ofMillis(500), null, false)).withMessage("proxyUrl");
        assertThatNullPointerException().isThrownBy(() -> new EasySwooleSettings(null, "easyswoole.php", "produce",
                Duration.ofSeconds(30), Duration.ofSeconds(30), LOGS)).withMessage("php");
        assertThatNullPointerException().isThrownBy(() -> new ComposerSettings(TestSettings.COMPOSER_INSTALL, null, null,
                true, null)).withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> new SupervisordSettings(List.of("supervisorctl"), Optional.empty(),
                "shop-{slot}", Path.of("/s"), null)).withMessage("timeout");
    }

    @Test
    void vendorIsReusedOnlyWithACacheToReuseItFrom() {
        assertThat(TestSettings.install().reusesVendor()).isFalse();
        assertThat(new ComposerSettings(TestSettings.COMPOSER_INSTALL, Duration.ofMinutes(5), null, true, Path.of("/cache"))
                .reusesVendor()).isTrue();
        assertThat(new ComposerSettings(TestSettings.COMPOSER_INSTALL, Duration.ofMinutes(5), null, false, Path.of("/cache"))
                .reusesVendor()).isFalse();
    }

    @Test
    void theModesConfigIsNamedAfterIt() {
        assertThat(TestSettings.service(LOGS).modeFile()).isEqualTo("produce.php");
    }
}
