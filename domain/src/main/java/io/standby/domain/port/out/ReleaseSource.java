package io.standby.domain.port.out;

import io.standby.domain.model.Revision;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where releases come from: the application's repository and the branch Standby follows. */
public interface ReleaseSource {

    /**
     * Brings the local mirror up to date and returns the newest revision on the followed branch.
     *
     * @throws SourceUnavailableException if the repository cannot be reached or read, the branch is gone or empty
     */
    Revision newest();

    /**
     * The commits whose ids start with these hex digits (four to forty of them), fetching first if the mirror has
     * none yet: empty for none, or for what is not a commit id at all; several when the digits are ambiguous.
     */
    List<Revision> find(String commitId);

    /**
     * Writes the files of a revision into an empty directory that does not exist yet.
     *
     * @throws SourceUnavailableException if the revision's files cannot be read or written
     */
    void export(Revision revision, Path directory);

    /** The revision checked out in a directory, if it is a git work tree: used to adopt a hand-made deployment. */
    Optional<Revision> revisionAt(Path directory);
}
