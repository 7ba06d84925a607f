package io.standby.domain.fleet;

import io.standby.domain.model.Revision;

import java.util.Objects;
import java.util.regex.Pattern;

/** A commit the fleet runs or rolls out, by its full id: all the fleet's nodes need to agree on. */
public record CommitId(String sha) {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    public CommitId {
        Objects.requireNonNull(sha, "sha");
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a full commit id: '" + sha + "'");
        }
    }

    public static CommitId of(Revision revision) {
        return new CommitId(revision.sha());
    }

    public boolean is(Revision revision) {
        return sha.equals(revision.sha());
    }

    public String shortSha() {
        return sha.substring(0, 7);
    }

    @Override
    public String toString() {
        return shortSha();
    }
}
