package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.StageTiming;

import java.util.List;

/** One release attempt or event: what, where, why it started, how it ended, and how long each stage took. */
public record HistoryEntryJson(
        @JsonProperty("revision") RevisionJson revision,
        @JsonProperty("release") ReleaseJson release,
        @JsonProperty("slot") SlotJson slot,
        @JsonProperty("trigger") String trigger,
        @JsonProperty("result") String result,
        @JsonProperty("stage") String stage,
        @JsonProperty("reason") String reason,
        @JsonProperty("startedAt") String startedAt,
        @JsonProperty("endedAt") String endedAt,
        @JsonProperty("timings") List<Timing> timings) {

    public HistoryEntryJson {
        timings = List.copyOf(timings);
    }

    static HistoryEntryJson of(HistoryEntry entry) {
        return new HistoryEntryJson(RevisionJson.of(entry.revision()), entry.release().map(ReleaseJson::of).orElse(null),
                SlotJson.of(entry.slot()), entry.trigger().name(), entry.result().name(), entry.stage().name(),
                entry.reason(), entry.startedAt().toString(), entry.endedAt().toString(),
                entry.timings().stream().map(Timing::of).toList());
    }

    /** How long one stage took, as an ISO-8601 duration. */
    public record Timing(@JsonProperty("stage") String stage, @JsonProperty("took") String took) {

        static Timing of(StageTiming timing) {
            return new Timing(timing.stage().name(), timing.took().toString());
        }
    }
}
