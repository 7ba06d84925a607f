package io.standby.domain.fakes;

import io.standby.domain.model.Plan;
import io.standby.domain.model.Stage;
import io.standby.domain.port.out.Timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps what would be logged, so tests can read the operator's timeline. */
public final class RecordingTimeline implements Timeline {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void stageStarted(Plan plan, Stage stage) {
        lines.add(plan.revision().shortSha() + " " + stage.label() + " started");
    }

    @Override
    public synchronized void stageSucceeded(Plan plan, Stage stage, Duration took) {
        lines.add(plan.revision().shortSha() + " " + stage.label() + " ok");
    }

    @Override
    public synchronized void stageFailed(Plan plan, Stage stage, Duration took, String reason) {
        lines.add(plan.revision().shortSha() + " " + stage.label() + " failed: " + reason);
    }

    @Override
    public synchronized void note(String message) {
        lines.add(message);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
