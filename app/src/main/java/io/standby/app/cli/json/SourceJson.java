package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.SourceHealth;

/** What the last poll learned from the repository: when, what failed (null if it answered), how many times in a row. */
public record SourceJson(
        @JsonProperty("checkedAt") String checkedAt,
        @JsonProperty("problem") String problem,
        @JsonProperty("failuresInARow") int failuresInARow) {

    static SourceJson of(SourceHealth health) {
        return new SourceJson(health.checkedAt().toString(), health.problem().orElse(null), health.failuresInARow());
    }
}
