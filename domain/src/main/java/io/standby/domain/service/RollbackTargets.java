package io.standby.domain.service;

import io.standby.domain.model.History;
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

    /**
     * Why {@link #previous()} found nothing, with what to do instead: the release it would have chosen was removed, or
     * every earlier one was rolled away from, or before the live one there is only the instance Standby adopted.
     */
    String whyNoPrevious() {
        List<Release> earlier = history.wentLiveNewestFirst().stream().filter(release -> !isLive(release)).toList();
        Optional<Release> removed = earlier.stream().filter(release -> !history.rolledAwayFrom(release.id())).findFirst();
        if (removed.isPresent()) {
            return "the release before the live one, " + removed.get().id() + ", was removed from disk (keep-releases"
                    + " keeps the newest ones); deploy its commit instead: `standby deploy --revision "
                    + removed.get().revision().shortSha() + "`";
        }
        Optional<Release> rolledAway = earlier.stream().filter(release -> workspace.exists(release.id())).findFirst();
        if (rolledAway.isPresent()) {
            return "every earlier release kept on disk was rolled back from (" + rolledAway.get().id() + " last); name"
                    + " one to go back to it anyway: `standby rollback " + rolledAway.get().id() + "`";
        }
        return adoptedBeforeLive()
                .map(adopted -> "the release before the live one is " + adopted(adopted))
                .orElse("no earlier release is kept on disk to roll back to; deploy a commit instead: "
                        + "`standby deploy --revision <sha>`");
    }

    /** Why {@link #named} found nothing for this id, with what to do instead. */
    String whyNot(ReleaseId id) {
        String cannot = "cannot roll back to " + id + ": ";
        if (live.map(l -> l.release().id().equals(id)).orElse(false)) {
            return cannot + "it is the live release";
        }
        Optional<HistoryEntry> adopted = history.newestFirst().stream()
                .filter(e -> e.result() == Result.ADOPTED && e.release().map(r -> r.id().equals(id)).orElse(false))
                .findFirst();
        if (adopted.isPresent()) {
            return cannot + "it is " + adopted(adopted.get().release().orElseThrow());
        }
        Optional<Release> removed = history.wentLiveNewestFirst().stream().filter(release -> release.id().equals(id)).findFirst();
        if (removed.isPresent()) {
            return cannot + "its directory was removed (keep-releases keeps the newest ones); deploy its commit instead: "
                    + "`standby deploy --revision " + removed.get().revision().shortSha() + "`";
        }
        return cannot + (history.releasesNewestFirst().stream().anyMatch(release -> release.id().equals(id))
                ? "it never went live" : "no release of that name is in the history")
                + "; `standby history` lists the releases";
    }

    /** The instance Standby found serving at its first start, if it is not the live release any more. */
    private Optional<Release> adoptedBeforeLive() {
        return history.newestFirst().stream()
                .filter(e -> e.result() == Result.ADOPTED)
                .flatMap(e -> e.release().stream())
                .filter(release -> !isLive(release))
                .findFirst();
    }

    /** An adopted instance was started by hand, not by Standby, which has no kept release of it to start again. */
    private static String adopted(Release release) {
        return "the instance Standby adopted at its first start (" + release.directory() + "), which it did not install"
                + " and does not start again; " + (release.revision().isKnown()
                ? "`standby deploy --revision " + release.revision().shortSha() + "` releases its commit anew"
                : "its commit is unknown: deploy the commit you want with `standby deploy --revision <sha>`");
    }

    private boolean isCandidate(Release release) {
        return !isLive(release) && workspace.exists(release.id());
    }

    private boolean isLive(Release release) {
        return live.map(l -> l.release().id().equals(release.id())).orElse(false);
    }
}
