package io.standby.domain.service;

import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.TrafficRouter;

import java.util.Optional;

/** Decides where a new release goes: always the slot that is idle now. */
final class Planner {

    private final Slots slots;
    private final ReleaseStore store;
    private final TrafficRouter router;
    private final Clock clock;

    Planner(Slots slots, ReleaseStore store, TrafficRouter router, Clock clock) {
        this.slots = slots;
        this.store = store;
        this.router = router;
        this.clock = clock;
    }

    Plan plan(Revision revision, Trigger trigger) {
        Optional<LiveRelease> live = store.live();
        Slot idle = live.map(l -> slots.other(l.slot()))
                .or(() -> router.current().map(slots::other))
                .orElse(slots.blue());
        return new Plan(revision, idle, live, trigger, clock.now());
    }
}
