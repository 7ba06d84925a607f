package io.standby.domain.port.out;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Stage;

import java.time.Duration;

/**
 * The operator's view of a release as it happens: one entry per stage. Each listener hears what it has a use for and
 * lets the rest pass, so every method does nothing unless overridden.
 */
public interface Timeline {

    default void stageStarted(Plan plan, Stage stage) {
    }

    default void stageSucceeded(Plan plan, Stage stage, Duration took) {
    }

    default void stageFailed(Plan plan, Stage stage, Duration took, String reason) {
    }

    /** Something an operator should know that is not a stage: a skipped revision, a recovery, a warning. */
    default void note(String message) {
    }

    /**
     * A release has ended and its line is in the history: live, failed, rolled back or recovered. Notifications and
     * metrics hear of it here; an implementation must hand slow work off, because the release is still on its path.
     */
    default void ended(HistoryEntry entry) {
    }
}
