package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** What the journal holds of a deployment under way, so that a restarted agent can finish or undo it. */
public record InFlight(Plan plan, Optional<Release> release, Stage stage) {

    public InFlight {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(stage, "stage");
    }
}
