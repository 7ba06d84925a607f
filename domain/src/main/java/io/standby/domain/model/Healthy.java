package io.standby.domain.model;

import java.util.Objects;

/** The new release answers its health check in the idle slot; traffic is to be switched to it next. */
public record Healthy(Plan plan, Release release) implements BeforeSwitch, WithRelease {

    public Healthy {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Switched switched() {
        return new Switched(plan, release);
    }

    @Override
    public Stage stage() {
        return Stage.SWITCHING;
    }
}
