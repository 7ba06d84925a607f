package io.standby.domain.model;

import java.time.Duration;

/**
 * Durations as operators write them in the config and read them in messages: 500ms, 1500ms, 30s, 5m, 1h. Exact,
 * so that 500 ms never reads as "0s", and in the config's own units, so a value in a message can be pasted back.
 */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
