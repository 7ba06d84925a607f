package io.standby.app.state;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Between the domain's records and the journal's ({@link JournalV1}), both ways. The only place that knows both, so
 * that renaming a domain component is a change here, never a change to the files operators have on disk.
 *
 * <p>Reading throws {@link IllegalArgumentException} or {@link java.time.DateTimeException} for a value the domain
 * refuses (a malformed commit id, an unknown stage).
 */
final class JournalMapper {

    JournalV1.Live toJournal(LiveRelease live) {
        return new JournalV1.Live(toJournal(live.release()), toJournal(live.slot()), live.since().toString());
    }

    LiveRelease toDomain(JournalV1.Live live) {
        return new LiveRelease(toDomain(live.release()), toDomain(live.slot()), Instant.parse(live.since()));
    }

    JournalV1.InFlight toJournal(InFlight inFlight) {
        return new JournalV1.InFlight(toJournal(inFlight.plan()), inFlight.release().map(this::toJournal).orElse(null),
                inFlight.stage().name());
    }

    InFlight toDomain(JournalV1.InFlight inFlight) {
        return new InFlight(toDomain(inFlight.plan()), Optional.ofNullable(inFlight.release()).map(this::toDomain),
                Stage.valueOf(inFlight.stage()));
    }

    JournalV1.Source toJournal(SourceHealth health) {
        return new JournalV1.Source(health.checkedAt().toString(), health.problem().orElse(null), health.failuresInARow());
    }

    SourceHealth toDomain(JournalV1.Source source) {
        return new SourceHealth(Instant.parse(source.checkedAt()), Optional.ofNullable(source.problem()),
                source.failuresInARow());
    }

    JournalV1.HistoryLine toJournal(HistoryEntry entry) {
        return new JournalV1.HistoryLine(toJournal(entry.revision()), entry.release().map(this::toJournal).orElse(null),
                toJournal(entry.slot()), entry.trigger().name(), entry.result().name(), entry.stage().name(),
                entry.reason(), entry.startedAt().toString(), entry.endedAt().toString(),
                entry.timings().stream().map(t -> new JournalV1.Timing(t.stage().name(), t.took().toString())).toList());
    }

    HistoryEntry toDomain(JournalV1.HistoryLine line) {
        return new HistoryEntry(toDomain(line.revision()), Optional.ofNullable(line.release()).map(this::toDomain),
                toDomain(line.slot()), Trigger.valueOf(line.trigger()), Result.valueOf(line.result()),
                Stage.valueOf(line.stage()), line.reason(), Instant.parse(line.startedAt()), Instant.parse(line.endedAt()),
                line.timings().stream().map(t -> new StageTiming(Stage.valueOf(t.stage()), Duration.parse(t.took()))).toList());
    }

    private JournalV1.Plan toJournal(Plan plan) {
        return new JournalV1.Plan(toJournal(plan.revision()), toJournal(plan.slot()),
                plan.previous().map(this::toJournal).orElse(null), plan.trigger().name(), plan.startedAt().toString());
    }

    private Plan toDomain(JournalV1.Plan plan) {
        return new Plan(toDomain(plan.revision()), toDomain(plan.slot()), Optional.ofNullable(plan.previous()).map(this::toDomain),
                Trigger.valueOf(plan.trigger()), Instant.parse(plan.startedAt()));
    }

    private JournalV1.Release toJournal(Release release) {
        return new JournalV1.Release(new JournalV1.ReleaseId(release.id().value()), toJournal(release.revision()),
                release.directory().toUri().toString());
    }

    private Release toDomain(JournalV1.Release release) {
        return new Release(new ReleaseId(release.id().value()), toDomain(release.revision()), directory(release.directory()));
    }

    private JournalV1.Revision toJournal(Revision revision) {
        return new JournalV1.Revision(revision.sha(), revision.author(), revision.message(), revision.committedAt().toString());
    }

    private Revision toDomain(JournalV1.Revision revision) {
        return new Revision(revision.sha(), revision.author(), revision.message(), Instant.parse(revision.committedAt()));
    }

    private JournalV1.Slot toJournal(Slot slot) {
        return new JournalV1.Slot(slot.name(), slot.port());
    }

    private Slot toDomain(JournalV1.Slot slot) {
        return new Slot(slot.name(), slot.port());
    }

    /** A {@code file:} URI as written; a bare path is taken too, as Jackson took it for schema 0. */
    private static Path directory(String text) {
        return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
    }
}
