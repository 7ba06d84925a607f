package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;

import java.util.Optional;

/** The proxy in front of the service: decides which slot receives requests. */
public interface TrafficRouter {

    /** The slot the proxy sends requests to now; empty if it points at neither slot. */
    Optional<Slot> current();

    /**
     * Sends new requests to the slot. Returns once the proxy applies it; on failure the proxy keeps
     * routing as before and the reason says why.
     */
    Outcome switchTo(Slot slot);

    /** Whether the proxy no longer holds requests or connections to the slot. */
    boolean isDrained(Slot slot);
}
