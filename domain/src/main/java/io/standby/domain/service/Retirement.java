package io.standby.domain.service;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.Timeline;
import io.standby.domain.port.out.TrafficRouter;

import java.util.Optional;

/**
 * The one rule for stopping a release that served: wait until its slot drains (at least the drain minimum, at most the
 * drain timeout, asking again while the proxy cannot be reached), then stop it only if the proxy answers that it routes
 * to the slot that stays. If the proxy cannot say, the release keeps running: stopping it could cut requests the proxy
 * still sends there, while leaving it costs only memory until a later poll, with the proxy back, retires it.
 */
final class Retirement {

    /**
     * How a drain ended.
     *
     * @param unsafe why the release must keep running (the proxy could not confirm where it routes); empty if it may stop
     * @param remark what went wrong on the way that the history should keep, or empty
     */
    record Drain(Optional<String> unsafe, Optional<String> remark) {

        boolean mayStop() {
            return unsafe.isEmpty();
        }
    }

    private final ServiceRuntime runtime;
    private final TrafficRouter router;
    private final Clock clock;
    private final Timeline timeline;
    private final ReleasePolicy policy;

    Retirement(ServiceRuntime runtime, TrafficRouter router, Clock clock, Timeline timeline, ReleasePolicy policy) {
        this.runtime = runtime;
        this.router = router;
        this.clock = clock;
        this.timeline = timeline;
        this.policy = policy;
    }

    /** Waits for the slot to drain, then asks the proxy whether it routes to {@code kept}. */
    Drain awaitDrained(Slot slot, Slot kept) {
        ProxyOutage outage = new ProxyOutage(clock, timeline, "asking whether " + slot + " drained");
        var began = clock.now();
        var earliest = began.plus(policy.drainMinimum());
        var latest = began.plus(policy.drainTimeout());
        boolean drained = false;
        boolean cutShort = false;
        // The proxy is asked at least once after the minimum, even when the minimum is the timeout (flag mode's
        // default): otherwise a slot nothing was asked about would be reported as still busy.
        while (true) {
            if (!clock.now().isBefore(earliest) && outage.ask(() -> router.isDrained(slot)).orElse(false)) {
                drained = true;
                break;
            }
            if (!clock.now().isBefore(latest)) {
                break;
            }
            if (!pause()) {
                cutShort = true;
                break;
            }
        }
        Optional<String> unsafe = routesTo(kept, slot);
        if (unsafe.isEmpty() && !drained && !cutShort) {
            timeline.note("slot " + slot + " still had connections after the drain timeout of "
                    + Durations.human(policy.drainTimeout()) + "; stopping it anyway");
        }
        return new Drain(unsafe, outage.remark());
    }

    /** Drains the slot and stops the release in it; empty once stopped, else why it keeps running. */
    Optional<String> retire(Release release, Slot slot, Slot kept) {
        Drain drain = awaitDrained(slot, kept);
        if (!drain.mayStop()) {
            return drain.unsafe();
        }
        stop(release, slot);
        return Optional.empty();
    }

    /**
     * Asks once, without waiting: stops the release if the proxy reports its slot drained and routes to {@code kept}.
     * For what an unfinished release left running, long after its switch; empty once stopped, else why it runs on.
     */
    Optional<String> retireIfDrained(Release release, Slot slot, Slot kept) {
        try {
            if (!router.isDrained(slot)) {
                return Optional.of("the proxy still holds connections to " + slot);
            }
        } catch (ProxyUnavailableException e) {
            return Optional.of("the proxy cannot say whether " + slot + " drained (" + e.getMessage() + ")");
        }
        Optional<String> unsafe = routesTo(kept, slot);
        if (unsafe.isEmpty()) {
            stop(release, slot);
        }
        return unsafe;
    }

    void stop(Release release, Slot slot) {
        Outcome stopped = runtime.stop(release, slot);
        if (stopped instanceof Outcome.Failed failure) {
            timeline.note("the release " + release + " on " + slot + " did not stop: " + failure.reason());
        }
    }

    /** Empty if the proxy answers that it routes to {@code kept}; else why {@code leaving} may still get requests. */
    private Optional<String> routesTo(Slot kept, Slot leaving) {
        try {
            Optional<Slot> routed = router.current();
            if (routed.equals(Optional.of(kept))) {
                return Optional.empty();
            }
            return Optional.of("the proxy routes to " + routed.map(Slot::toString).orElse("neither slot") + ", not " + kept
                    + ", so " + leaving + " may still get requests");
        } catch (ProxyUnavailableException e) {
            return Optional.of("the proxy could not confirm that it no longer routes to " + leaving + " (" + e.getMessage() + ")");
        }
    }

    /** Pauses one drain poll; false if the agent was asked to stop meanwhile (the interrupt stays set). */
    private boolean pause() {
        try {
            clock.pause(policy.drainPoll());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
