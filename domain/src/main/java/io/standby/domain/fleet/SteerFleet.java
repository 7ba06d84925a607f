package io.standby.domain.fleet;

/**
 * What operators ask of the fleet from any host. Commands are left for the leader, which applies them to the rollout
 * they name; each returns that rollout's id. A request that cannot apply throws
 * {@link io.standby.domain.port.in.RequestRefusedException} saying why.
 */
public interface SteerFleet {

    FleetStatus status();

    /** The canary is good: the rest follow once it has soaked. */
    RolloutId promote();

    /** No new wave until resumed. */
    RolloutId pause();

    RolloutId resume();

    /** Marks the rollout's commit bad and sends every host that took it back. */
    RolloutId abort(String reason);
}
