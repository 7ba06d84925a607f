package io.standby.domain.port.out;

import io.standby.domain.model.HistoryEntry;
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

    /**
     * A release has ended and its line is in the history: live, failed, rolled back or recovered. Notifications and
     * metrics hear of it here; an implementation must hand slow work off, because the release is still on its path.
     */
    default void ended(HistoryEntry entry) {
    }
}
