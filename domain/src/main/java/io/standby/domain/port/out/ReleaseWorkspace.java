package io.standby.domain.port.out;

import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;

import java.nio.file.Path;

/** The releases directory on disk: one directory per release, with its logs beside it. */
public interface ReleaseWorkspace {

    /** The directory a release with this id lives in; always inside the releases root. */
    Path directoryOf(ReleaseId id);

    /** Whether a release directory with this id exists. */
    boolean exists(ReleaseId id);

    /** Deletes a release's directory, its logs and caches. */
    void remove(Release release);
}
