package io.standby.domain.model;

import java.util.Objects;

/**
 * The new release failed behind the proxy (or the proxy could not be asked about it) and Standby switched back: traffic
 * went to the previous release and the new one was stopped. When the proxy would not switch back, the reason says where
 * it routes and what still runs.
 */
public record RolledBack(Plan plan, Release release, String reason) implements WithRelease {

    public RolledBack {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Stage stage() {
        return Stage.VERIFYING;
    }
}
