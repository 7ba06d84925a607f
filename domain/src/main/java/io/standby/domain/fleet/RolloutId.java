package io.standby.domain.fleet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/** Names one rollout of one commit: {@code <UTC timestamp>-<short sha>}, so ids sort by when they began. */
public record RolloutId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{14}-[0-9a-f]{7,40}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public RolloutId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a rollout id (expected <yyyyMMddHHmmss>-<short sha>): '" + value + "'");
        }
    }

    public static RolloutId of(Instant at, CommitId commit) {
        return new RolloutId(STAMP.format(at) + "-" + commit.shortSha());
    }

    @Override
    public String toString() {
        return value;
    }
}
