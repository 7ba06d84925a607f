package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** The new release failed behind the proxy; traffic went back to the previous release and the new one was stopped. */
public record RolledBack(Plan plan, Release release, String reason) implements Deployment {

    public RolledBack {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Optional<Release> fetched() {
        return Optional.of(release);
    }

    @Override
    public Stage stage() {
        return Stage.VERIFYING;
    }
}
