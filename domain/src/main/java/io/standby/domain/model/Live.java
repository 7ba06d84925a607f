package io.standby.domain.model;

import java.util.Objects;

/**
 * The new release serves all traffic. The old one is stopped, or, when the proxy could not confirm it drained, still
 * running until a later poll retires it; the history entry says which.
 */
public record Live(Plan plan, Release release) implements WithRelease {

    public Live {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    @Override
    public Stage stage() {
        return Stage.LIVE;
    }
}
