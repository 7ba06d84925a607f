package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.InFlight;

/** A release under way: its plan, its release once fetched (else null), and the stage it is at. */
public record InFlightJson(
        @JsonProperty("plan") PlanJson plan,
        @JsonProperty("release") ReleaseJson release,
        @JsonProperty("stage") String stage) {

    static InFlightJson of(InFlight inFlight) {
        return new InFlightJson(PlanJson.of(inFlight.plan()), inFlight.release().map(ReleaseJson::of).orElse(null),
                inFlight.stage().name());
    }
}
