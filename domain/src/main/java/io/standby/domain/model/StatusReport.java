package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** The answer to "what is going on?": live release, deployment under way, last failure, repository health. */
public record StatusReport(
        Optional<LiveRelease> live,
        Optional<InFlight> inFlight,
        Optional<HistoryEntry> lastFailure,
        Optional<SourceHealth> source) {

    public StatusReport {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(inFlight, "inFlight");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(source, "source");
    }
}
