package io.standby.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** One commit of the application's repository: what a release is built from. */
public record Revision(String sha, String author, String message, Instant committedAt) {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final String UNKNOWN_SHA = "0".repeat(40);

    public Revision {
        Objects.requireNonNull(sha, "sha");
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a full commit id: '" + sha + "'");
        }
        author = author == null ? "" : author;
        message = message == null ? "" : message;
        Objects.requireNonNull(committedAt, "committedAt");
    }

    /** The revision of an instance adopted from a hand-made deployment that is not a git work tree. */
    public static Revision unknown() {
        return new Revision(UNKNOWN_SHA, "", "adopted: revision unknown", Instant.EPOCH);
    }

    public boolean isKnown() {
        return !UNKNOWN_SHA.equals(sha);
    }

    public String shortSha() {
        return sha.substring(0, 7);
    }

    /** The first line of the commit message, as operators see it in status and history. */
    public String subject() {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    @Override
    public String toString() {
        return shortSha();
    }
}
