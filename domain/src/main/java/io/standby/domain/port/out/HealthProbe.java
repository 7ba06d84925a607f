package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;

/** Asks the service whether it is fit to serve. */
public interface HealthProbe {

    /** Probes the instance in the slot directly on its port, retrying as configured, until healthy or out of attempts. */
    Outcome checkInstance(Slot slot);

    /** Probes once through the proxy, as a client would reach the service. */
    Outcome checkThroughProxy();
}
