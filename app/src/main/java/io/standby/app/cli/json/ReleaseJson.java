package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.Release;

/** A release on disk: its id (as {@code {"value": ...}}), its commit and its directory as a {@code file:} URI. */
public record ReleaseJson(
        @JsonProperty("id") Id id,
        @JsonProperty("revision") RevisionJson revision,
        @JsonProperty("directory") String directory) {

    static ReleaseJson of(Release release) {
        return new ReleaseJson(new Id(release.id().value()), RevisionJson.of(release.revision()),
                release.directory().toUri().toString());
    }

    /** The release id, {@code <UTC yyyyMMddHHmmss>-<short sha>}, in an object because format 1 printed it so. */
    public record Id(@JsonProperty("value") String value) {
    }
}
