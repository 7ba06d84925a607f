package io.standby.domain.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The append-only history, oldest first, and the questions the services ask of it. Most are about the newest
 * matching entry, so they read it backwards; they live here once rather than as a reversed loop in each service.
 */
public record History(List<HistoryEntry> entries) {

    public History {
        entries = List.copyOf(entries);
    }

    /** The entries as operators read them, newest first. */
    public List<HistoryEntry> newestFirst() {
        List<HistoryEntry> reversed = new ArrayList<>(entries);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /** The newest entry about this commit, whatever its result. */
    public Optional<HistoryEntry> latestFor(Revision revision) {
        return newest(entry -> entry.revision().sha().equals(revision.sha()));
    }

    /** The newest attempt that did not go live: failed before the switch, or switched back by Standby. */
    public Optional<HistoryEntry> lastFailure() {
        return newest(entry -> entry.result() == Result.FAILED || entry.result() == Result.ROLLED_BACK);
    }

    /** Every release the history names, newest first, each once. */
    public List<Release> releasesNewestFirst() {
        return distinctReleases(entry -> true);
    }

    /** The releases that went live at some point, newest first, each once. */
    public List<Release> wentLiveNewestFirst() {
        return distinctReleases(entry -> entry.result() == Result.LIVE);
    }

    /** Whether an operator rolled back from this release, which keeps it from being chosen again. */
    public boolean rolledAwayFrom(ReleaseId id) {
        return entries.stream().anyMatch(entry -> entry.result() == Result.ROLLED_AWAY
                && entry.release().map(r -> r.id().equals(id)).orElse(false));
    }

    /** The newest release written into this directory, however the path to it is spelt. */
    public Optional<Release> releaseIn(Path directory) {
        Path wanted = canonical(directory);
        return newest(entry -> entry.release().map(r -> canonical(r.directory()).equals(wanted)).orElse(false))
                .flatMap(HistoryEntry::release);
    }

    private Optional<HistoryEntry> newest(Predicate<HistoryEntry> matching) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (matching.test(entries.get(i))) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    private List<Release> distinctReleases(Predicate<HistoryEntry> matching) {
        Map<ReleaseId, Release> found = new LinkedHashMap<>();
        for (HistoryEntry entry : newestFirst()) {
            if (matching.test(entry)) {
                entry.release().ifPresent(release -> found.putIfAbsent(release.id(), release));
            }
        }
        return List.copyOf(found.values());
    }

    private static Path canonical(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
