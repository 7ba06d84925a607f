package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** The release's files are on disk; its dependencies are to be installed next. */
public record Fetched(Plan plan, Release release) implements BeforeSwitch {

    public Fetched {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Installed installed() {
        return new Installed(plan, release);
    }

    @Override
    public Optional<Release> fetched() {
        return Optional.of(release);
    }

    @Override
    public Stage stage() {
        return Stage.INSTALLING;
    }
}
