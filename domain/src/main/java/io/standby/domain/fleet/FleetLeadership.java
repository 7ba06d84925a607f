package io.standby.domain.fleet;

import io.standby.domain.model.Outcome;

/** Which agent steers the rollout; at most one at a time, and a former leader's writes are refused. */
public interface FleetLeadership {

    /** Whether this agent leads now, as far as it knows without asking. */
    boolean isLeader();

    /**
     * Writes the change atomically, fenced: refused (and nothing written) unless this agent still holds leadership and
     * the rollout is still at the change's expected version.
     *
     * @throws CoordinationUnavailableException if the coordination cannot be reached; nothing was written then either
     */
    Outcome apply(FleetChange change);
}
