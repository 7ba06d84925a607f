package io.standby.domain.service;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.port.out.ReleaseWorkspace;

import java.util.List;
import java.util.Optional;

/** The releases an operator can roll back to: ones that were live once, are still on disk, and are not the live one. */
final class RollbackTargets {

    private final List<HistoryEntry> history;
    private final Optional<LiveRelease> live;
    private final ReleaseWorkspace workspace;

    RollbackTargets(List<HistoryEntry> history, Optional<LiveRelease> live, ReleaseWorkspace workspace) {
        this.history = List.copyOf(history);
        this.live = live;
        this.workspace = workspace;
    }

    /** The most recent release that went live before the current one and was not rolled away from. */
    Optional<Release> previous() {
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry entry = history.get(i);
            if (entry.result() == Result.LIVE && entry.release().isPresent()) {
                Release release = entry.release().get();
                if (isCandidate(release) && !rolledAwayFrom(release)) {
                    return Optional.of(release);
                }
            }
        }
        return Optional.empty();
    }

    Optional<Release> named(ReleaseId id) {
        return history.stream()
                .filter(e -> e.result() == Result.LIVE)
                .flatMap(e -> e.release().stream())
                .filter(r -> r.id().equals(id))
                .filter(this::isCandidate)
                .findFirst();
    }

    private boolean isCandidate(Release release) {
        boolean isLive = live.map(l -> l.release().id().equals(release.id())).orElse(false);
        return !isLive && workspace.exists(release.id());
    }

    private boolean rolledAwayFrom(Release release) {
        return history.stream().anyMatch(e -> e.result() == Result.ROLLED_AWAY
                && e.release().map(r -> r.id().equals(release.id())).orElse(false));
    }
}
