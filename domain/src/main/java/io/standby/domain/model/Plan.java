package io.standby.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a deployment sets out to do: bring a revision live in the idle slot, replacing what serves now. */
public record Plan(Revision revision, Slot slot, Optional<LiveRelease> previous, Trigger trigger, Instant startedAt) {

    public Plan {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        previous.ifPresent(live -> {
            if (live.slot().equals(slot)) {
                throw new IllegalArgumentException("the new release must go to the idle slot, not the live one (" + slot + ")");
            }
        });
    }
}
