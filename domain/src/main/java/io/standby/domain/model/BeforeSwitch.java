package io.standby.domain.model;

/** A state in which no request has reached the new release yet: failing here needs no switch back. */
public sealed interface BeforeSwitch extends Deployment permits Detected, Fetched, Installed, Started, Healthy {

    default Failed fail(String reason) {
        return new Failed(plan(), fetched(), stage(), reason);
    }
}
