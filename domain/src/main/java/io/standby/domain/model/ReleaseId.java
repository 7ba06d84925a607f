package io.standby.domain.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a release, and so its directory under the releases root: {@code <UTC timestamp>-<short sha>}.
 * The pattern admits no separator or dot-dot, so an id can never name a path outside the root.
 */
public record ReleaseId(String value) implements Comparable<ReleaseId> {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{14}-[0-9a-z]{7,40}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public ReleaseId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a release id (expected <yyyyMMddHHmmss>-<short sha>): '" + value + "'");
        }
    }

    public static ReleaseId of(Instant at, Revision revision) {
        return new ReleaseId(STAMP.format(at) + "-" + revision.shortSha());
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
