package io.standby.domain.service;

import io.standby.domain.model.Deployment;
import io.standby.domain.model.Failed;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Live;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Result;
import io.standby.domain.model.RolledBack;
import io.standby.domain.model.StageTiming;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.Timeline;

import java.util.ArrayList;
import java.util.List;

/** Writes how a deployment ended into the history, and tells the timeline once it is written. */
final class Chronicle {

    private final ReleaseStore store;
    private final Clock clock;
    private final Timeline timeline;

    Chronicle(ReleaseStore store, Clock clock, Timeline timeline) {
        this.store = store;
        this.clock = clock;
        this.timeline = timeline;
    }

    void append(HistoryEntry entry) {
        store.append(entry);
        timeline.ended(entry);
    }

    /** {@code remarks} are what went wrong on the way without ending the deployment; they follow its reason. */
    void record(Deployment ended, List<StageTiming> timings, List<String> remarks) {
        Plan plan = ended.plan();
        Result result;
        String reason;
        if (ended instanceof Live) {
            result = Result.LIVE;
            reason = "";
        } else if (ended instanceof Failed failed) {
            result = Result.FAILED;
            reason = failed.reason();
        } else if (ended instanceof RolledBack rolledBack) {
            result = Result.ROLLED_BACK;
            reason = rolledBack.reason();
        } else {
            throw new IllegalArgumentException("a deployment under way has no result yet: " + ended);
        }
        List<String> parts = new ArrayList<>();
        if (!reason.isEmpty()) {
            parts.add(reason);
        }
        parts.addAll(remarks);
        append(new HistoryEntry(plan.revision(), ended.fetched(), plan.slot(), plan.trigger(), result,
                ended.stage(), String.join("; ", parts), plan.startedAt(), clock.now(), timings));
    }
}
