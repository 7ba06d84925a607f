package io.standby.domain.model;

import java.util.Objects;

/** Traffic reaches the new release and it answers; the old one is to be drained next. */
public record Verified(Plan plan, Release release) implements WithRelease {

    public Verified {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Drained drained() {
        return new Drained(plan, release);
    }

    /** The proxy could not confirm the old release drained, so it keeps running beside the new one, which is live. */
    public Live liveBesideOld() {
        return new Live(plan, release);
    }

    @Override
    public Stage stage() {
        return Stage.DRAINING;
    }
}
