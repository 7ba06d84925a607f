package io.standby.domain.service;

import io.standby.domain.model.History;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.StatusReport;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.out.ReleaseStore;

import java.util.List;
import java.util.Optional;

/** Reads the journal for operators. */
public final class Reports implements ReportReleases {

    private final ReleaseStore store;

    public Reports(ReleaseStore store) {
        this.store = store;
    }

    @Override
    public StatusReport status() {
        Optional<HistoryEntry> lastFailure = new History(store.history()).lastFailure();
        return new StatusReport(store.live(), store.inFlight(), lastFailure, store.sourceHealth());
    }

    @Override
    public List<HistoryEntry> history() {
        return new History(store.history()).newestFirst();
    }
}
