package io.standby.domain.service;

import io.standby.domain.model.History;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.ReleaseWorkspace;
import io.standby.domain.port.out.Timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps the newest releases on disk and deletes the rest, never the live one or the roll-back target. */
final class Retention {

    private final ReleaseStore store;
    private final ReleaseWorkspace workspace;
    private final Timeline timeline;
    private final ReleasePolicy policy;

    Retention(ReleaseStore store, ReleaseWorkspace workspace, Timeline timeline, ReleasePolicy policy) {
        this.store = store;
        this.workspace = workspace;
        this.timeline = timeline;
        this.policy = policy;
    }

    void prune() {
        History history = new History(store.history());
        Optional<LiveRelease> live = store.live();
        Optional<Release> target = new RollbackTargets(history, live, workspace).previous();

        // Newest first. Only releases on disk count towards the limit; one without a directory of ours (an adopted
        // instance, or one removed already) may still have left a log behind.
        List<Release> doomed = new ArrayList<>();
        int kept = 0;
        for (Release release : history.releasesNewestFirst()) {
            boolean protectedRelease = live.map(l -> l.release().id().equals(release.id())).orElse(false)
                    || target.map(t -> t.id().equals(release.id())).orElse(false);
            if (protectedRelease || kept < policy.keepReleases()) {
                kept += workspace.exists(release.id()) ? 1 : 0;
            } else {
                doomed.add(release);
            }
        }
        for (Release release : doomed) {
            boolean onDisk = workspace.exists(release.id());
            workspace.remove(release);
            if (onDisk) {
                timeline.note("removed old release " + release + " (keeping " + policy.keepReleases() + ")");
            }
        }
    }
}
