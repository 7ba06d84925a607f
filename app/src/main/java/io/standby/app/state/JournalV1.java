package io.standby.app.state;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * The journal's files as they are on disk, schema 1: {@code live.json} is a {@link Live}, {@code in-flight.json} an
 * {@link InFlight}, {@code source.json} a {@link Source}, and each line of {@code history.jsonl} a {@link HistoryLine},
 * each with a {@code "schema": 1} property first ({@link JournalCodec} adds and checks it). The property names are the
 * contract, not the Java names: a journal outlives the version that wrote it.
 *
 * <p>Schema 0, what Standby wrote before the journal had a version, is this same layout without the {@code schema}
 * property. Within a schema a property may be added, since readers ignore what they do not know; renaming or removing
 * one, or changing what a value means, takes the next schema number, which older versions refuse to read.
 *
 * <p>Times are ISO-8601 instants and durations as {@link java.time.Instant#toString()} and
 * {@link java.time.Duration#toString()} write them; a directory is a {@code file:} URI; enum values are the names in
 * the README; absent values are {@code null}.
 */
final class JournalV1 {

    /** The schema this version writes, and the newest it reads. */
    static final int SCHEMA = 1;

    private JournalV1() {
    }

    /** {@code live.json}, and a plan's {@code previous}: the release that serves traffic, where and since when. */
    record Live(
            @JsonProperty("release") Release release,
            @JsonProperty("slot") Slot slot,
            @JsonProperty("since") String since) {

        Live {
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(since, "since");
        }
    }

    /** {@code in-flight.json}: a release under way; {@code release} is null until its files are fetched. */
    record InFlight(
            @JsonProperty("plan") Plan plan,
            @JsonProperty("release") Release release,
            @JsonProperty("stage") String stage) {

        InFlight {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(stage, "stage");
        }
    }

    /** {@code source.json}: what the last poll learned from the repository; {@code problem} is null when it answered. */
    record Source(
            @JsonProperty("checkedAt") String checkedAt,
            @JsonProperty("problem") String problem,
            @JsonProperty("failuresInARow") int failuresInARow) {

        Source {
            Objects.requireNonNull(checkedAt, "checkedAt");
        }
    }

    /** One line of {@code history.jsonl}; {@code release} is null for an attempt that ended before its files were fetched. */
    record HistoryLine(
            @JsonProperty("revision") Revision revision,
            @JsonProperty("release") Release release,
            @JsonProperty("slot") Slot slot,
            @JsonProperty("trigger") String trigger,
            @JsonProperty("result") String result,
            @JsonProperty("stage") String stage,
            @JsonProperty("reason") String reason,
            @JsonProperty("startedAt") String startedAt,
            @JsonProperty("endedAt") String endedAt,
            @JsonProperty("timings") List<Timing> timings) {

        HistoryLine {
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(endedAt, "endedAt");
            timings = timings == null ? List.of() : List.copyOf(timings);
        }
    }

    /** What a release sets out to do; {@code previous} is null for the first release. */
    record Plan(
            @JsonProperty("revision") Revision revision,
            @JsonProperty("slot") Slot slot,
            @JsonProperty("previous") Live previous,
            @JsonProperty("trigger") String trigger,
            @JsonProperty("startedAt") String startedAt) {

        Plan {
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    record Release(
            @JsonProperty("id") ReleaseId id,
            @JsonProperty("revision") Revision revision,
            @JsonProperty("directory") String directory) {

        Release {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(directory, "directory");
        }
    }

    /** An object rather than a bare string because schema 0 wrote it so. */
    record ReleaseId(@JsonProperty("value") String value) {

        ReleaseId {
            Objects.requireNonNull(value, "value");
        }
    }

    record Revision(
            @JsonProperty("sha") String sha,
            @JsonProperty("author") String author,
            @JsonProperty("message") String message,
            @JsonProperty("committedAt") String committedAt) {

        Revision {
            Objects.requireNonNull(sha, "sha");
            Objects.requireNonNull(committedAt, "committedAt");
        }
    }

    record Slot(@JsonProperty("name") String name, @JsonProperty("port") int port) {

        Slot {
            Objects.requireNonNull(name, "name");
        }
    }

    record Timing(@JsonProperty("stage") String stage, @JsonProperty("took") String took) {

        Timing {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(took, "took");
        }
    }
}
