package io.standby.domain.port.out;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.SourceHealth;

import java.util.List;
import java.util.Optional;

/** The journal: what is live, what is under way, and everything that happened. Every write is atomic. */
public interface ReleaseStore {

    Optional<LiveRelease> live();

    void saveLive(LiveRelease live);

    Optional<InFlight> inFlight();

    /** Records the stage a deployment has reached, before that stage's work begins. */
    void saveInFlight(InFlight inFlight);

    void clearInFlight();

    /** Appends to the history; entries are never rewritten. */
    void append(HistoryEntry entry);

    /** The history, oldest first. */
    List<HistoryEntry> history();

    Optional<SourceHealth> sourceHealth();

    void saveSourceHealth(SourceHealth health);
}
