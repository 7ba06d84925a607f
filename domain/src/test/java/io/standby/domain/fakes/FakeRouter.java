package io.standby.domain.fakes;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.TrafficRouter;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A proxy whose routing is a field; it can refuse to switch, take a number of polls to drain, and be out of reach.
 *
 * <p>Out of reach as the real ones are: a stopped HAProxy (socket gone) serves nothing and answers nothing, and when
 * started again routes as its configuration file says, which is where the last switch left it; nginx with its pid file
 * gone keeps serving but cannot be reloaded or asked about its workers. Simplified: while out of reach every call
 * fails, including nginx's {@code current()}, which the real adapter answers from its file.
 */
public final class FakeRouter implements TrafficRouter {

    /** The calls the port offers, so a test can make one of them fail. */
    public enum Call { CURRENT, SWITCH, IS_DRAINED }

    private static final String STOPPED = "nothing listens on the proxy's admin socket (connection refused): the proxy is not running; fix: start it";
    private static final String NO_CONTROL = "the proxy's pid file is gone, so it cannot be signalled or asked; fix: restore it";

    private final Events events;
    private final Clock clock;
    private Optional<Slot> current;
    private Optional<String> switchFailure = Optional.empty();
    private int pollsUntilDrained;
    private boolean neverDrains;
    private Instant outOfReachUntil = Instant.MIN;
    private String outOfReachBecause = "";
    private boolean servingWhileOutOfReach;
    private final Map<Call, Integer> failNext = new EnumMap<>(Call.class);

    public FakeRouter(Events events, Clock clock, Optional<Slot> current) {
        this.events = events;
        this.clock = clock;
        this.current = current;
    }

    /** The proxy as a fresh template leaves it: routing to neither slot. */
    public void routeNowhere() {
        current = Optional.empty();
    }

    public void failSwitches(String reason) {
        switchFailure = Optional.of(reason);
    }

    public void drainAfterPolls(int polls) {
        pollsUntilDrained = polls;
    }

    public void neverDrain() {
        neverDrains = true;
    }

    /** The proxy stops: it serves nothing and answers nothing until the clock has moved on by the duration. */
    public void stopFor(Duration duration) {
        outOfReach(duration, STOPPED, false);
    }

    /** The proxy keeps serving where it routes but cannot be asked or told anything for that long. */
    public void loseControlFor(Duration duration) {
        outOfReach(duration, NO_CONTROL, true);
    }

    /** Back at once, routing where it did. */
    public void backNow() {
        outOfReachUntil = Instant.MIN;
    }

    /** The next {@code times} calls of this kind fail as if the proxy could not be reached; the rest work. */
    public void failNext(Call call, int times) {
        failNext.put(call, times);
    }

    /** Where requests go now, whatever can be asked: empty while the proxy is stopped. For the fake health probe. */
    public Optional<Slot> serving() {
        return outOfReach() && !servingWhileOutOfReach ? Optional.empty() : current;
    }

    public boolean outOfReach() {
        return clock.now().isBefore(outOfReachUntil);
    }

    @Override
    public Optional<Slot> current() {
        answerOrFail(Call.CURRENT);
        return current;
    }

    @Override
    public Outcome switchTo(Slot slot) {
        answerOrFail(Call.SWITCH);
        if (switchFailure.isPresent()) {
            events.add("switch refused " + slot.name());
            return Outcome.failed(switchFailure.get());
        }
        current = Optional.of(slot);
        events.add("switch " + slot.name());
        return Outcome.done();
    }

    @Override
    public boolean isDrained(Slot slot) {
        answerOrFail(Call.IS_DRAINED);
        if (neverDrains) {
            return false;
        }
        if (pollsUntilDrained > 0) {
            pollsUntilDrained--;
            return false;
        }
        events.add("drained " + slot.name());
        return true;
    }

    private void outOfReach(Duration duration, String because, boolean serving) {
        outOfReachUntil = clock.now().plus(duration);
        outOfReachBecause = because;
        servingWhileOutOfReach = serving;
        events.add("proxy out of reach");
    }

    private void answerOrFail(Call call) {
        int failures = failNext.getOrDefault(call, 0);
        if (failures > 0) {
            failNext.put(call, failures - 1);
            events.add("unavailable " + call);
            throw new ProxyUnavailableException(STOPPED);
        }
        if (outOfReach()) {
            events.add("unavailable " + call);
            throw new ProxyUnavailableException(outOfReachBecause);
        }
    }
}
