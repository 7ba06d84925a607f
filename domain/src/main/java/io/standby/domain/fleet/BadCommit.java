package io.standby.domain.fleet;

import java.time.Instant;
import java.util.Objects;

/** A commit the fleet gave up on; no rollout starts it again (push a fix to move on). */
public record BadCommit(CommitId commit, String reason, Instant at) {

    public BadCommit {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
