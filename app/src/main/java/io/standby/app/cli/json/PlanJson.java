package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.Plan;

/** What a release under way set out to do; {@code previous} is what served when it started, or null. */
public record PlanJson(
        @JsonProperty("revision") RevisionJson revision,
        @JsonProperty("slot") SlotJson slot,
        @JsonProperty("previous") LiveJson previous,
        @JsonProperty("trigger") String trigger,
        @JsonProperty("startedAt") String startedAt) {

    static PlanJson of(Plan plan) {
        return new PlanJson(RevisionJson.of(plan.revision()), SlotJson.of(plan.slot()),
                plan.previous().map(LiveJson::of).orElse(null), plan.trigger().name(), plan.startedAt().toString());
    }
}
