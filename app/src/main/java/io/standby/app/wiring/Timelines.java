package io.standby.app.wiring;

import com.google.inject.Inject;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Stage;
import io.standby.domain.port.out.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one timeline the domain tells, passing each event to every part the configuration wires in: the log always,
 * the metrics with a listener, the notifications when a notifier is set. A part that throws is logged and skipped:
 * the release is still on its path, and telling of it must not end it.
 */
final class Timelines implements Timeline {

    private static final Logger LOG = LoggerFactory.getLogger(Timelines.class);

    private final List<Timeline> parts;

    @Inject
    Timelines(Set<Timeline> parts) {
        // Guice's set keeps the order the modules bound them in: the log first.
        this.parts = List.copyOf(parts);
    }

    @Override
    public void stageStarted(Plan plan, Stage stage) {
        tell(part -> part.stageStarted(plan, stage));
    }

    @Override
    public void stageSucceeded(Plan plan, Stage stage, Duration took) {
        tell(part -> part.stageSucceeded(plan, stage, took));
    }

    @Override
    public void stageFailed(Plan plan, Stage stage, Duration took, String reason) {
        tell(part -> part.stageFailed(plan, stage, took, reason));
    }

    @Override
    public void note(String message) {
        tell(part -> part.note(message));
    }

    @Override
    public void ended(HistoryEntry entry) {
        tell(part -> part.ended(entry));
    }

    private void tell(Consumer<Timeline> event) {
        for (Timeline part : parts) {
            try {
                event.accept(part);
            } catch (RuntimeException e) {
                LOG.warn("{} could not take a timeline event: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
