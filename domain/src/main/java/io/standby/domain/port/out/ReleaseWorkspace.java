package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Role;

import java.nio.file.Path;

/** The releases directory on disk: one directory per release, with its logs beside it. */
public interface ReleaseWorkspace {

    /** The directory a release with this id lives in; always inside the releases root. */
    Path directoryOf(ReleaseId id);

    /** Whether a release directory with this id exists. */
    boolean exists(ReleaseId id);

    /**
     * Readies an exported release before its dependencies are installed: links the files and directories kept across
     * releases ({@code .env}, uploads). A failure names what to fix.
     */
    Outcome prepare(Release release);

    /** Writes the part the release now plays into it, for its own processes to read; a failure says why. */
    Outcome mark(Release release, Role role);

    /** Deletes a release's directory, its logs and caches. */
    void remove(Release release);
}
