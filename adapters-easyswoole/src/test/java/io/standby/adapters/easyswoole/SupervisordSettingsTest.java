package io.standby.adapters.easyswoole;

import io.standby.domain.model.Slot;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisordSettingsTest {

    @Test
    void eachSlotHasItsOwnProgramAndLink() {
        SupervisordSettings settings = TestSettings.supervisord("shop-{slot}", Path.of("/var/lib/standby/shop/slots"), Optional.empty());

        assertThat(settings.program(new Slot("blue", 9501))).isEqualTo("shop-blue");
        assertThat(settings.program(new Slot("green", 9502))).isEqualTo("shop-green");
        assertThat(settings.link(new Slot("green", 9502))).isEqualTo(Path.of("/var/lib/standby/shop/slots/green"));
    }

    @Test
    void aProgramInASupervisordGroupIsNamedWithItsGroup() {
        SupervisordSettings settings = new SupervisordSettings(List.of("sudo", "-n", "supervisorctl"),
                Optional.of(Path.of("/etc/supervisor/supervisord.conf")), "web:shop-{slot}", Path.of("/s"), Duration.ofSeconds(10));

        assertThat(settings.program(new Slot("blue", 9501))).isEqualTo("web:shop-blue");
    }
}
