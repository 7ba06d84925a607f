package io.standby.domain.service;

import io.standby.domain.model.Deployment;
import io.standby.domain.model.History;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Installed;
import io.standby.domain.model.Live;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Slots;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.RequestRefusedException;
import io.standby.domain.port.in.RollBack;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.ReleaseWorkspace;

import java.util.List;
import java.util.Optional;

/** Returns to a kept release through the pipeline's safe path, starting from "installed". */
public final class Rollbacks implements RollBack {

    private final ReleaseStore store;
    private final ReleaseWorkspace workspace;
    private final ReleasePipeline pipeline;
    private final Slots slots;
    private final Clock clock;

    public Rollbacks(ReleaseStore store, ReleaseWorkspace workspace, ReleasePipeline pipeline, Slots slots, Clock clock) {
        this.store = store;
        this.workspace = workspace;
        this.pipeline = pipeline;
        this.slots = slots;
        this.clock = clock;
    }

    @Override
    public Deployment rollBack(Optional<ReleaseId> target) {
        LiveRelease live = store.live().orElseThrow(() ->
                new RequestRefusedException("nothing is live yet, so there is nothing to roll back from"));
        RollbackTargets targets = new RollbackTargets(new History(store.history()), Optional.of(live), workspace);
        Release release = target
                .map(id -> targets.named(id).orElseThrow(() -> new RequestRefusedException(targets.whyNot(id))))
                .orElseGet(() -> targets.previous().orElseThrow(() -> new RequestRefusedException(targets.whyNoPrevious())));
        Plan plan = new Plan(release.revision(), slots.other(live.slot()), Optional.of(live), Trigger.ROLLBACK, clock.now());
        Deployment ended = pipeline.run(Installed.forRollback(plan, release));
        if (ended instanceof Live) {
            store.append(new HistoryEntry(live.release().revision(), Optional.of(live.release()), live.slot(),
                    Trigger.ROLLBACK, Result.ROLLED_AWAY, Stage.LIVE, "rolled back to " + release
                    + "; this commit is not deployed again until a newer one is pushed",
                    plan.startedAt(), clock.now(), List.of()));
        }
        return ended;
    }
}
