package io.standby.domain.fleet;

import io.standby.domain.model.StampedId;

import java.time.Instant;
import java.util.regex.Pattern;

/** Names one rollout of one commit: {@code <UTC timestamp>-<short sha>}, so ids sort by when they began. */
public record RolloutId(String value) {

    private static final Pattern FORMAT = StampedId.format("[0-9a-f]");

    public RolloutId {
        StampedId.check(value, FORMAT, "rollout id");
    }

    public static RolloutId of(Instant at, CommitId commit) {
        return new RolloutId(StampedId.of(at, commit.shortSha()));
    }

    @Override
    public String toString() {
        return value;
    }
}
