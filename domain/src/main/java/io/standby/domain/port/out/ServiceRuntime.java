package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;

import java.nio.file.Path;
import java.util.Optional;

/** Runs instances of the service: one per slot, each from its own release directory. */
public interface ServiceRuntime {

    /** Starts the release listening on the slot's port; done once the instance runs and holds the port. */
    Outcome start(Release release, Slot slot);

    /**
     * Stops the instance the release runs in the slot: gracefully, then by force after the stop timeout.
     * Done once its process is gone and the port is free.
     */
    Outcome stop(Release release, Slot slot);

    /** Whether any process listens on the slot's port. */
    boolean isListening(Slot slot);

    /** The directory of the instance listening on the slot's port, if one does and it can be found. */
    Optional<Path> locate(Slot slot);
}
