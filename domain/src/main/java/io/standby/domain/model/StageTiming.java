package io.standby.domain.model;

import java.time.Duration;
import java.util.Objects;

/** How long one stage of a release took. */
public record StageTiming(Stage stage, Duration took) {

    public StageTiming {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(took, "took");
    }
}
