package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** The deployment stopped at a stage before the switch; the live release was never touched. */
public record Failed(Plan plan, Optional<Release> fetched, Stage stage, String reason) implements Deployment {

    public Failed {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(fetched, "fetched");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        if (stage.isAfterSwitch() && stage != Stage.SWITCHING) {
            throw new IllegalArgumentException("after the switch a failure is a roll-back, not a plain failure: " + stage);
        }
    }
}
