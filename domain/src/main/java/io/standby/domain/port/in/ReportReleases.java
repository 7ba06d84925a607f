package io.standby.domain.port.in;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.StatusReport;

import java.util.List;

/** What operators read: what is live, what is under way, what failed, and everything that happened. */
public interface ReportReleases {

    StatusReport status();

    /** The history, newest first. */
    List<HistoryEntry> history();
}
