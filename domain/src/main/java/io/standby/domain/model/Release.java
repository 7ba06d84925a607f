package io.standby.domain.model;

import java.nio.file.Path;
import java.util.Objects;

/** A revision written out into its own directory, ready to be installed and started. */
public record Release(ReleaseId id, Revision revision, Path directory) {

    public Release {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(directory, "directory");
    }

    @Override
    public String toString() {
        return id.value();
    }
}
