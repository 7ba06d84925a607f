package io.standby.domain.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shape release and rollout ids share, {@code <UTC yyyyMMddHHmmss>-<short sha>}, so that ids sort by when they
 * began. It lives once so that the two cannot drift apart.
 */
public final class StampedId {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private StampedId() {
    }

    /** The ids whose sha is 7 to 40 of {@code shaCharacters} (a regex character class). */
    public static Pattern format(String shaCharacters) {
        return Pattern.compile("[0-9]{14}-" + shaCharacters + "{7,40}");
    }

    /** The id of what began at {@code at} for the commit with {@code shortSha}. */
    public static String of(Instant at, String shortSha) {
        return STAMP.format(at) + "-" + shortSha;
    }

    /** Refuses a {@code value} that does not match {@code format}, naming it a {@code kind}. */
    public static void check(String value, Pattern format, String kind) {
        Objects.requireNonNull(value, "value");
        if (!format.matcher(value).matches()) {
            throw new IllegalArgumentException("not a " + kind + " (expected <yyyyMMddHHmmss>-<short sha>): '" + value + "'");
        }
    }
}
