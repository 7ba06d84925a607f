package io.standby.domain.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Slot BLUE = new Slot("blue", 9501);
    private static final Slot GREEN = new Slot("green", 9502);

    private final List<HistoryEntry> entries = new ArrayList<>();

    @Test
    void theLatestEntryOfACommitDecidesWhetherItIsBad() {
        Revision v2 = revision("b2");
        Release first = release(v2, 1);
        record(v2, Optional.of(first), Result.FAILED);
        record(v2, Optional.of(release(v2, 2)), Result.LIVE);

        History history = new History(entries);

        assertThat(history.latestFor(v2)).map(HistoryEntry::result).contains(Result.LIVE);
        assertThat(history.latestFor(revision("c3"))).isEmpty();
    }

    @Test
    void theLastFailureIsTheNewestFailedOrRolledBackAttempt() {
        record(revision("a1"), Optional.empty(), Result.ROLLED_BACK);
        record(revision("b2"), Optional.empty(), Result.FAILED);
        record(revision("c3"), Optional.empty(), Result.LIVE);
        record(revision("c3"), Optional.empty(), Result.ROLLED_AWAY);

        assertThat(new History(entries).lastFailure()).map(e -> e.revision().sha()).contains(sha("b2"));
        assertThat(new History(List.of()).lastFailure()).isEmpty();
    }

    @Test
    void releasesAreListedNewestFirstEachOnce() {
        Release one = release(revision("a1"), 1);
        Release two = release(revision("b2"), 2);
        Release three = release(revision("c3"), 3);
        record(one.revision(), Optional.of(one), Result.LIVE);
        record(two.revision(), Optional.of(two), Result.FAILED);
        record(three.revision(), Optional.of(three), Result.LIVE);
        record(one.revision(), Optional.of(one), Result.LIVE);

        History history = new History(entries);

        assertThat(history.releasesNewestFirst()).containsExactly(one, three, two);
        assertThat(history.wentLiveNewestFirst()).containsExactly(one, three);
        assertThat(history.newestFirst()).extracting(HistoryEntry::release)
                .containsExactly(Optional.of(one), Optional.of(three), Optional.of(two), Optional.of(one));
    }

    @Test
    void aReleaseRolledAwayFromIsKnownAsSuch() {
        Release one = release(revision("a1"), 1);
        Release two = release(revision("b2"), 2);
        record(one.revision(), Optional.of(one), Result.LIVE);
        record(two.revision(), Optional.of(two), Result.LIVE);
        record(two.revision(), Optional.of(two), Result.ROLLED_AWAY);

        History history = new History(entries);

        assertThat(history.rolledAwayFrom(two.id())).isTrue();
        assertThat(history.rolledAwayFrom(one.id())).isFalse();
    }

    @Test
    void theReleaseInADirectoryIsFoundHoweverThePathIsSpelt() {
        Release one = release(revision("a1"), 1);
        record(one.revision(), Optional.of(one), Result.LIVE);

        History history = new History(entries);

        assertThat(history.releaseIn(one.directory().resolve("../" + one.id() + "/."))).contains(one);
        assertThat(history.releaseIn(Path.of("/srv/elsewhere"))).isEmpty();
    }

    @Test
    void laterAppendsDoNotChangeAHistoryAlreadyRead() {
        record(revision("a1"), Optional.empty(), Result.FAILED);
        History history = new History(entries);

        record(revision("b2"), Optional.empty(), Result.FAILED);

        assertThat(history.entries()).hasSize(1);
    }

    private void record(Revision revision, Optional<Release> release, Result result) {
        Instant at = T0.plusSeconds(60L * entries.size());
        entries.add(new HistoryEntry(revision, release, entries.size() % 2 == 0 ? BLUE : GREEN, Trigger.POLL, result,
                result == Result.FAILED ? Stage.STARTING : Stage.LIVE, "", at, at.plusSeconds(5), List.of()));
    }

    private static Release release(Revision revision, int minute) {
        ReleaseId id = ReleaseId.of(T0.plusSeconds(60L * minute), revision);
        return new Release(id, revision, Path.of("/srv/releases").resolve(id.value()));
    }

    private static Revision revision(String tag) {
        return new Revision(sha(tag), "Dev <dev@example.com>", "commit " + tag, T0);
    }

    private static String sha(String tag) {
        return (tag + "0".repeat(40)).substring(0, 40);
    }
}
