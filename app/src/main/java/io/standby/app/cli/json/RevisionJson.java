package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.Revision;

/** A commit: full id, author, whole message, commit time. */
public record RevisionJson(
        @JsonProperty("sha") String sha,
        @JsonProperty("author") String author,
        @JsonProperty("message") String message,
        @JsonProperty("committedAt") String committedAt) {

    static RevisionJson of(Revision revision) {
        return new RevisionJson(revision.sha(), revision.author(), revision.message(), revision.committedAt().toString());
    }
}
