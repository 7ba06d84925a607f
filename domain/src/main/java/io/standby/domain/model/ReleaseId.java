package io.standby.domain.model;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Names a release, and so its directory under the releases root: {@code <UTC timestamp>-<short sha>}.
 * The pattern admits no separator or dot-dot, so an id can never name a path outside the root.
 */
public record ReleaseId(String value) implements Comparable<ReleaseId> {

    private static final Pattern FORMAT = StampedId.format("[0-9a-z]");

    public ReleaseId {
        StampedId.check(value, FORMAT, "release id");
    }

    public static ReleaseId of(Instant at, Revision revision) {
        return new ReleaseId(StampedId.of(at, revision.shortSha()));
    }

    @Override
    public int compareTo(ReleaseId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
