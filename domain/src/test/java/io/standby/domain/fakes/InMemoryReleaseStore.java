package io.standby.domain.fakes;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.port.out.ReleaseStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The journal in memory. */
public final class InMemoryReleaseStore implements ReleaseStore {

    private Optional<LiveRelease> live = Optional.empty();
    private Optional<InFlight> inFlight = Optional.empty();
    private Optional<SourceHealth> sourceHealth = Optional.empty();
    private final List<HistoryEntry> history = new ArrayList<>();

    @Override
    public synchronized Optional<LiveRelease> live() {
        return live;
    }

    @Override
    public synchronized void saveLive(LiveRelease live) {
        this.live = Optional.of(live);
    }

    @Override
    public synchronized Optional<InFlight> inFlight() {
        return inFlight;
    }

    @Override
    public synchronized void saveInFlight(InFlight inFlight) {
        this.inFlight = Optional.of(inFlight);
    }

    @Override
    public synchronized void clearInFlight() {
        inFlight = Optional.empty();
    }

    @Override
    public synchronized void append(HistoryEntry entry) {
        history.add(entry);
    }

    @Override
    public synchronized List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    @Override
    public synchronized Optional<SourceHealth> sourceHealth() {
        return sourceHealth;
    }

    @Override
    public synchronized void saveSourceHealth(SourceHealth health) {
        sourceHealth = Optional.of(health);
    }
}
