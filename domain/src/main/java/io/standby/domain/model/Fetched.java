package io.standby.domain.model;

import java.util.Objects;

/** The release's files are on disk; its dependencies are to be installed next. */
public record Fetched(Plan plan, Release release) implements BeforeSwitch, WithRelease {

    public Fetched {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Installed installed() {
        return new Installed(plan, release);
    }

    @Override
    public Stage stage() {
        return Stage.INSTALLING;
    }
}
