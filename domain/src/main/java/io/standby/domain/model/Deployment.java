package io.standby.domain.model;

import java.util.Optional;

/**
 * A deployment is in exactly one of these states. Each transition is a method on the state it leaves,
 * so a step cannot be skipped: there is no way from {@link Installed} to {@link Switched} without
 * passing {@link Started} and {@link Healthy}.
 */
public sealed interface Deployment
        permits BeforeSwitch, WithRelease, Failed {

    Plan plan();

    /** The release on disk, once fetched. */
    Optional<Release> fetched();

    /** The stage that runs from this state; for an ended deployment, the stage it ended at. */
    Stage stage();

    /** Whether nothing more will happen to this deployment. */
    default boolean isOver() {
        return this instanceof Live || this instanceof Failed || this instanceof RolledBack;
    }

    /** What the journal keeps of a deployment in flight. */
    default InFlight snapshot() {
        return new InFlight(plan(), fetched(), stage());
    }
}
