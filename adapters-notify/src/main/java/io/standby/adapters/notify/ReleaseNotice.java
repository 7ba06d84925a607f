package io.standby.adapters.notify;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What every notifier says about one ended release: the history line, with the app's name and an outcome in words. */
record ReleaseNotice(
        String app,
        Revision revision,
        Optional<String> release,
        Slot slot,
        Outcome outcome,
        Trigger trigger,
        Stage stage,
        String reason,
        Instant startedAt,
        Instant endedAt,
        List<StageTiming> stages) {

    ReleaseNotice {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        stages = List.copyOf(stages);
    }

    static ReleaseNotice of(String app, HistoryEntry entry) {
        return new ReleaseNotice(app, entry.revision(), entry.release().map(r -> r.id().value()), entry.slot(),
                Outcome.of(entry), entry.trigger(), entry.stage(), entry.reason(), entry.startedAt(), entry.endedAt(),
                entry.timings());
    }

    Duration took() {
        return Duration.between(startedAt, endedAt);
    }

    /** The commit as people name it: its short id, or "unknown" for an adopted instance that is not a git work tree. */
    String commit() {
        return revision.isKnown() ? revision.shortSha() : "unknown";
    }

    /**
     * How a release ended, as the people watching a channel say it. The history's result is what the journal
     * needs; here an operator's rollback that went live is "rolled back", and a release Standby took back after the
     * switch is "switched back", which the history calls {@code ROLLED_BACK}.
     */
    enum Outcome {
        /** A new commit went live. */
        LIVE("live", Mood.GOOD),
        /** An operator returned to a kept release, and it went live. */
        ROLLED_BACK("rolled back", Mood.GOOD),
        /** The release stopped before the switch; the live release kept serving. */
        FAILED("failed", Mood.BAD),
        /** The release failed behind the proxy; traffic went back to the previous release. */
        SWITCHED_BACK("switched back", Mood.BAD),
        /** An operator rolled back from this release. */
        ROLLED_AWAY("rolled away", Mood.NOTEWORTHY),
        /** A release interrupted by the agent's death was finished or undone on restart. */
        RECOVERED("recovered", Mood.NOTEWORTHY),
        /** An instance already serving when Standby first started became the live release. */
        ADOPTED("adopted", Mood.GOOD);

        private final String words;
        private final Mood mood;

        Outcome(String words, Mood mood) {
            this.words = words;
            this.mood = mood;
        }

        static Outcome of(HistoryEntry entry) {
            return switch (entry.result()) {
                case LIVE -> entry.trigger() == Trigger.ROLLBACK ? ROLLED_BACK : LIVE;
                case FAILED -> FAILED;
                case ROLLED_BACK -> SWITCHED_BACK;
                case ROLLED_AWAY -> ROLLED_AWAY;
                case RECOVERED -> RECOVERED;
                case ADOPTED -> ADOPTED;
            };
        }

        String words() {
            return words;
        }

        Mood mood() {
            return mood;
        }
    }

    /** Whether a channel should read the outcome as good news, bad news, or something to look at. */
    enum Mood {
        GOOD("\u2705"),
        BAD("\u274c"),
        NOTEWORTHY("\u26a0\ufe0f");

        private final String symbol;

        Mood(String symbol) {
            this.symbol = symbol;
        }

        /** The emoji at the head of a chat message; every one of the chat services shows it. */
        String symbol() {
            return symbol;
        }
    }
}
