package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** No request is left on the old release; it is to be stopped next. */
public record Drained(Plan plan, Release release) implements Deployment {

    public Drained {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Live retired() {
        return new Live(plan, release);
    }

    @Override
    public Optional<Release> fetched() {
        return Optional.of(release);
    }

    @Override
    public Stage stage() {
        return Stage.RETIRING;
    }
}
