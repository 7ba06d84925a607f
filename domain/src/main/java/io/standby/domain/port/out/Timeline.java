package io.standby.domain.port.out;

import io.standby.domain.model.Plan;
import io.standby.domain.model.Stage;

import java.time.Duration;

/** The operator's view of a release as it happens: one entry per stage. */
public interface Timeline {

    void stageStarted(Plan plan, Stage stage);

    void stageSucceeded(Plan plan, Stage stage, Duration took);

    void stageFailed(Plan plan, Stage stage, Duration took, String reason);

    /** Something an operator should know that is not a stage: a skipped revision, a recovery, a warning. */
    void note(String message);
}
