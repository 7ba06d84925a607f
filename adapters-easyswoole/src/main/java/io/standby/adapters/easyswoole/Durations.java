package io.standby.adapters.easyswoole;

import java.time.Duration;

/** Durations the way operators write them in config and read them in messages: 5m, 30s, 1500ms. */
final class Durations {

    private Durations() {
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
