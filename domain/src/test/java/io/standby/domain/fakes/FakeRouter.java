package io.standby.domain.fakes;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.TrafficRouter;

import java.util.Optional;

/** A proxy whose routing is a field; it can refuse to switch and can take a number of polls to drain. */
public final class FakeRouter implements TrafficRouter {

    private final Events events;
    private Optional<Slot> current;
    private Optional<String> switchFailure = Optional.empty();
    private int pollsUntilDrained;
    private boolean neverDrains;

    public FakeRouter(Events events, Optional<Slot> current) {
        this.events = events;
        this.current = current;
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

    @Override
    public Optional<Slot> current() {
        return current;
    }

    @Override
    public Outcome switchTo(Slot slot) {
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
}
