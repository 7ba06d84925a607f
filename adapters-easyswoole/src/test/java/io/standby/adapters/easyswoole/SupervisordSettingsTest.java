package io.standby.adapters.easyswoole;

import io.standby.domain.model.Slot;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupervisordSettingsTest {

    @Test
    void defaultsNameTheProgramsAfterTheAppAndTheSlot() {
        SupervisordSettings settings = SupervisordSettings.defaults("shop", Path.of("/var/lib/standby/shop/slots"));

        assertThat(settings.program(new Slot("blue", 9501))).isEqualTo("shop-blue");
        assertThat(settings.program(new Slot("green", 9502))).isEqualTo("shop-green");
        assertThat(settings.link(new Slot("green", 9502))).isEqualTo(Path.of("/var/lib/standby/shop/slots/green"));
        assertThat(settings.supervisorctl()).containsExactly("supervisorctl");
        assertThat(settings.config()).isEmpty();
    }

    @Test
    void aProgramInASupervisordGroupIsNamedWithItsGroup() {
        SupervisordSettings settings = new SupervisordSettings(List.of("sudo", "-n", "supervisorctl"),
                Optional.of(Path.of("/etc/supervisor/supervisord.conf")), "web:shop-{slot}", Path.of("/s"), null);

        assertThat(settings.program(new Slot("blue", 9501))).isEqualTo("web:shop-blue");
    }

    @Test
    void aProgramNameWithoutTheSlotIsRefusedBecauseBothSlotsWouldBeOneProgram() {
        assertThatThrownBy(() -> new SupervisordSettings(null, null, "shop", Path.of("/s"), null))
                .hasMessageContaining("must contain {slot}");
    }

    @Test
    void aProgramNameSupervisordCannotHaveIsRefused() {
        assertThatThrownBy(() -> new SupervisordSettings(null, null, "shop {slot}", Path.of("/s"), null))
                .hasMessageContaining("letters, digits");
    }
}
