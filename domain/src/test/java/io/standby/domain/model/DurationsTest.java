package io.standby.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    void lessThanASecondIsNotZeroSeconds() {
        assertThat(Durations.human(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void wholeUnitsReadAsTheConfigWritesThem() {
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.human(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.human(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.human(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.human(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.human(Duration.ofHours(2))).isEqualTo("2h");
    }
}
