package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;

import java.util.Optional;

/**
 * The proxy in front of the service: decides which slot receives requests.
 *
 * <p>Every method throws {@link ProxyUnavailableException} when the proxy cannot be reached or read at all (stopped,
 * restarting, its socket or pid file gone) and nothing else for that; the caller decides what it means at its stage.
 */
public interface TrafficRouter {

    /**
     * The slot the proxy sends requests to now; empty if it points at neither slot (or at both).
     *
     * @throws ProxyUnavailableException if the proxy cannot say
     */
    Optional<Slot> current();

    /**
     * Sends new requests to the slot. Returns once the proxy applies it; when the proxy refuses (a configuration it
     * rejects, a server it cannot see up) it keeps routing as before and the reason says why.
     *
     * @throws ProxyUnavailableException if the proxy cannot be reached; whatever the call had changed is undone as far
     *                                   as the proxy still lets it, so it keeps routing as before unless it went away
     *                                   midway
     */
    Outcome switchTo(Slot slot);

    /**
     * Whether the proxy no longer holds requests or connections to the slot.
     *
     * @throws ProxyUnavailableException if the proxy cannot say; "drained" is never a guess
     */
    boolean isDrained(Slot slot);
}
