package io.standby.domain.service;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Result;
import io.standby.domain.model.StatusReport;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.out.ReleaseStore;

import java.util.ArrayList;
import java.util.Collections;
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
        List<HistoryEntry> history = store.history();
        Optional<HistoryEntry> lastFailure = Optional.empty();
        for (int i = history.size() - 1; i >= 0 && lastFailure.isEmpty(); i--) {
            Result result = history.get(i).result();
            if (result == Result.FAILED || result == Result.ROLLED_BACK) {
                lastFailure = Optional.of(history.get(i));
            }
        }
        return new StatusReport(store.live(), store.inFlight(), lastFailure, store.sourceHealth());
    }

    @Override
    public List<HistoryEntry> history() {
        List<HistoryEntry> newestFirst = new ArrayList<>(store.history());
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
