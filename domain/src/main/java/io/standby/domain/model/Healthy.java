package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** The new release answers its health check in the idle slot; traffic is to be switched to it next. */
public record Healthy(Plan plan, Release release) implements BeforeSwitch {

    public Healthy {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Switched switched() {
        return new Switched(plan, release);
    }

    @Override
    public Optional<Release> fetched() {
        return Optional.of(release);
    }

    @Override
    public Stage stage() {
        return Stage.SWITCHING;
    }
}
