package io.standby.domain.model;

import java.util.Objects;

/** No request is left on the old release; it is to be stopped next. */
public record Drained(Plan plan, Release release) implements WithRelease {

    public Drained {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Live retired() {
        return new Live(plan, release);
    }

    @Override
    public Stage stage() {
        return Stage.RETIRING;
    }
}
