package io.standby.domain.model;

import java.time.Instant;
import java.util.Objects;

/** The release that serves traffic now, the slot it runs in, and since when. */
public record LiveRelease(Release release, Slot slot, Instant since) {

    public LiveRelease {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(since, "since");
    }
}
