package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.StatusReport;

/** What {@code status --json} prints; each part is null when there is none. */
public record StatusJson(
        @JsonProperty("live") LiveJson live,
        @JsonProperty("inFlight") InFlightJson inFlight,
        @JsonProperty("lastFailure") HistoryEntryJson lastFailure,
        @JsonProperty("source") SourceJson source) {

    public static StatusJson of(StatusReport report) {
        return new StatusJson(report.live().map(LiveJson::of).orElse(null),
                report.inFlight().map(InFlightJson::of).orElse(null),
                report.lastFailure().map(HistoryEntryJson::of).orElse(null),
                report.source().map(SourceJson::of).orElse(null));
    }
}
