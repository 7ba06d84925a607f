package io.standby.domain.fleet;

import java.time.Instant;
import java.util.Objects;

/** What the leader tells one host to serve, for which rollout, and since when (its deadline counts from then). */
public record Desired(RolloutId rollout, CommitId commit, Instant since) {

    public Desired {
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(since, "since");
    }
}
