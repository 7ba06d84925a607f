package io.standby.domain.model;

import java.util.Objects;
import java.util.Optional;

/** A revision to release has been chosen; its files are to be fetched next. */
public record Detected(Plan plan) implements BeforeSwitch {

    public Detected {
        Objects.requireNonNull(plan, "plan");
    }

    public Fetched fetched(Release release) {
        if (!release.revision().equals(plan.revision())) {
            throw new IllegalArgumentException("fetched " + release.revision() + " but planned " + plan.revision());
        }
        return new Fetched(plan, release);
    }

    @Override
    public Optional<Release> fetched() {
        return Optional.empty();
    }

    @Override
    public Stage stage() {
        return Stage.FETCHING;
    }
}
