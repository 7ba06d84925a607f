package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;

/** Asks the service whether it is fit to serve. */
public interface HealthProbe {

    /**
     * Probes the instance in the slot directly on its port, retrying as configured, until healthy or out of attempts.
     * {@code expected} is the commit that should answer: a probe that can tell (the answer names it) refuses any other.
     */
    Outcome checkInstance(Slot slot, Revision expected);

    /** Probes once through the proxy, as a client would reach the service, expecting {@code expected} to answer. */
    Outcome checkThroughProxy(Revision expected);
}
