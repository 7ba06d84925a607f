package io.standby.domain.model;

import java.util.Objects;

/** The release is installed; it is to be started in the idle slot next. */
public record Installed(Plan plan, Release release) implements BeforeSwitch, WithRelease {

    public Installed {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    /** A roll-back starts here: the kept release was installed when it first went live. */
    public static Installed forRollback(Plan plan, Release release) {
        return new Installed(plan, release);
    }

    public Started started() {
        return new Started(plan, release);
    }

    @Override
    public Stage stage() {
        return Stage.STARTING;
    }
}
