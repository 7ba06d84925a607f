package io.standby.domain.model;

import java.util.Objects;

/** The proxy sends new requests to the new release; it is to be verified through the proxy next. */
public record Switched(Plan plan, Release release) implements WithRelease {

    public Switched {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(release, "release");
    }

    public Verified verified() {
        return new Verified(plan, release);
    }

    /** The new release failed behind the proxy and traffic went back to the previous one. */
    public RolledBack switchedBack(String reason) {
        return new RolledBack(plan, release, reason);
    }

    @Override
    public Stage stage() {
        return Stage.VERIFYING;
    }
}
