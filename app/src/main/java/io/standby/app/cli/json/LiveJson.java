package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.LiveRelease;

/** The release serving traffic, the slot it runs in, and since when. */
public record LiveJson(
        @JsonProperty("release") ReleaseJson release,
        @JsonProperty("slot") SlotJson slot,
        @JsonProperty("since") String since) {

    static LiveJson of(LiveRelease live) {
        return new LiveJson(ReleaseJson.of(live.release()), SlotJson.of(live.slot()), live.since().toString());
    }
}
