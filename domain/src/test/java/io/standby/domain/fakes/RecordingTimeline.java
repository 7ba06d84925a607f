package io.standby.domain.fakes;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Stage;
import io.standby.domain.port.out.Timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps what would be logged, so tests can read the operator's timeline. */
public final class RecordingTimeline implements Timeline {

    private final List<String> lines = new ArrayList<>();
    private final List<HistoryEntry> endings = new ArrayList<>();
    private final Map<Stage, Runnable> onStart = new EnumMap<>(Stage.class);

    @Override
    public void stageStarted(Plan plan, Stage stage) {
        synchronized (this) {
            lines.add(plan.revision().shortSha() + " " + stage.label() + " started");
        }
        Optional.ofNullable(onStart.remove(stage)).ifPresent(Runnable::run);
    }

    /** Runs once, as the stage next begins (journal written, work not started): how a test makes the world change then. */
    public void whenStageStarts(Stage stage, Runnable action) {
        onStart.put(stage, action);
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

    @Override
    public synchronized void ended(HistoryEntry entry) {
        endings.add(entry);
    }

    /** What the timeline heard of each ended release, in order. */
    public synchronized List<HistoryEntry> endings() {
        return List.copyOf(endings);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
