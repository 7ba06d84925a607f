package io.standby.adapters.easyswoole;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsTest {

    @Test
    void nullFieldsTakeTheDefaults() {
        EasySwooleSettings service = EasySwooleSettings.defaults(Path.of("/var/log/standby"));
        ComposerSettings install = ComposerSettings.defaults();
        HealthSettings health = HealthSettings.defaults();

        assertThat(service).isEqualTo(new EasySwooleSettings("php", "easyswoole.php", "produce", Duration.ofSeconds(30),
                Duration.ofSeconds(30), Path.of("/var/log/standby")));
        assertThat(install.command()).containsExactly("composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction");
        assertThat(install.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(install.reuseVendor()).isTrue();
        assertThat(health).isEqualTo(new HealthSettings("/health", 200, Duration.ofSeconds(2), 30, Duration.ofSeconds(1),
                "http://127.0.0.1:80"));
    }

    @Test
    void installCommandThatReResolvesVersionsIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ComposerSettings(List.of("composer", "update"), null, null, null, null))
                .withMessageContaining("composer install");
    }

    @Test
    void modeThatCouldNameAPathOutsideTheReleaseIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EasySwooleSettings(null, null, "../etc", null, null, Path.of("/tmp")))
                .withMessageContaining("mode");
    }

    @Test
    void healthPathMustBeAbsoluteAndProxyHttp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HealthSettings("health", null, null, null, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new HealthSettings(null, null, null, null, null, "ftp://x"));
    }
}
