package io.standby.domain.port.in;

import io.standby.domain.model.Deployment;
import io.standby.domain.model.ReleaseId;

import java.util.Optional;

/** An operator returns to a kept release, through the same safe path as any release but without reinstalling. */
public interface RollBack {

    /** Rolls back to the named release, or to the one that was live before the current one. */
    Deployment rollBack(Optional<ReleaseId> target);
}
