package io.standby.domain.service;

import io.standby.domain.model.History;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.port.out.ReleaseWorkspace;

import java.util.Optional;

/** The releases an operator can roll back to: ones that were live once, are still on disk, and are not the live one. */
final class RollbackTargets {

    private final History history;
    private final Optional<LiveRelease> live;
    private final ReleaseWorkspace workspace;

    RollbackTargets(History history, Optional<LiveRelease> live, ReleaseWorkspace workspace) {
        this.history = history;
        this.live = live;
        this.workspace = workspace;
    }

    /** The most recent release that went live before the current one and was not rolled away from. */
    Optional<Release> previous() {
        return history.wentLiveNewestFirst().stream()
                .filter(this::isCandidate)
                .filter(release -> !history.rolledAwayFrom(release.id()))
                .findFirst();
    }

    Optional<Release> named(ReleaseId id) {
        return history.wentLiveNewestFirst().stream()
                .filter(release -> release.id().equals(id))
                .filter(this::isCandidate)
                .findFirst();
    }

    private boolean isCandidate(Release release) {
        boolean isLive = live.map(l -> l.release().id().equals(release.id())).orElse(false);
        return !isLive && workspace.exists(release.id());
    }
}
