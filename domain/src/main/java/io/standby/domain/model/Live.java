package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** The new release serves all traffic and the old one is stopped. */
public record Live(Plan plan, Release release) implements Deployment {

    public Live {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    @Override
    public Optional<Release> fetched() {
        return Optional.of(release);
    }

    @Override
    public Stage stage() {
        return Stage.LIVE;
    }
}
