package io.standby.domain.fleet;

import java.time.Duration;
import java.util.Optional;

/**
 * The fleet's shared state as one agent reaches it. Every read and write throws
 * {@link CoordinationUnavailableException} when the coordination cannot answer, and nothing else for that.
 */
public interface FleetCoordination {

    /** Registers this agent's host for as long as its session lives; after a lost session it registers again by itself. */
    void join();

    /** How this agent stands with the coordination now; no call blocks to find out. */
    Connection connection();

    /** What the leader told the host to serve, if anything. */
    Optional<Desired> desired(HostName host);

    /** What the host last reported; it outlives the host's session. */
    Optional<HostReport> observed(HostName host);

    /** Replaces this host's report. */
    void report(HostReport report);

    /** The current (or last) rollout. */
    Optional<Rollout> rollout();

    /** Everything at once, as the leader and `fleet status` read it. */
    FleetView view();

    /** Leaves an operator's command for the leader. */
    void submit(FleetCommand command);

    /**
     * Waits until something in the fleet or the connection changes, or the time is up.
     *
     * @return whether something changed
     */
    boolean awaitChange(Duration max) throws InterruptedException;

    /**
     * Ends every {@link #awaitChange} under way on this agent as a change would, and changes nothing: something outside
     * the fleet, such as a push to the branch, asks this agent for a look now. It returns at once.
     */
    void nudge();
}
