package io.standby.domain.fleet;

import java.util.Objects;
import java.util.Optional;

/** One host as `fleet status` shows it: registered or away, what it was told, what it last reported. */
public record HostStatus(HostName host, boolean registered, boolean leader, boolean inFlight,
                         Optional<Desired> desired, Optional<HostReport> observed) {

    public HostStatus {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(observed, "observed");
    }
}
