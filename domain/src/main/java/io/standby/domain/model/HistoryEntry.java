package io.standby.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One line of the append-only history: what was attempted, how it ended, and how long each stage took. */
public record HistoryEntry(
        Revision revision,
        Optional<Release> release,
        Slot slot,
        Trigger trigger,
        Result result,
        Stage stage,
        String reason,
        Instant startedAt,
        Instant endedAt,
        List<StageTiming> timings) {

    public HistoryEntry {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(stage, "stage");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        timings = List.copyOf(timings);
    }

    public Duration took() {
        return Duration.between(startedAt, endedAt);
    }
}
