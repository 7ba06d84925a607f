package io.standby.domain.model;

import java.util.Objects;

/** The release runs in the idle slot; its health is to be checked next. */
public record Started(Plan plan, Release release) implements BeforeSwitch, WithRelease {

    public Started {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Healthy healthy() {
        return new Healthy(plan, release);
    }

    @Override
    public Stage stage() {
        return Stage.CHECKING_HEALTH;
    }
}
