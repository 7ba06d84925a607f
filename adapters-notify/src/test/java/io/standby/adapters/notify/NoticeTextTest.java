package io.standby.adapters.notify;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The words every chat message shares: the outcome as people say it, and the facts below it. */
class NoticeTextTest {

    @Test
    void releaseTakenBackAfterTheSwitchIsSwitchedBack() {
        ReleaseNotice notice = ReleaseNotice.of("shop", Entries.switchedBack());

        assertThat(notice.outcome()).isEqualTo(ReleaseNotice.Outcome.SWITCHED_BACK);
        assertThat(notice.outcome().mood()).isEqualTo(ReleaseNotice.Mood.BAD);
        assertThat(new NoticeText(notice).headline()).isEqualTo("shop: 3f2a9c1 failed at verifying; traffic switched back");
    }

    @Test
    void operatorsRollbackThatWentLiveIsRolledBack() {
        ReleaseNotice notice = notice(Trigger.ROLLBACK, Result.LIVE, Stage.LIVE, "");

        assertThat(notice.outcome()).isEqualTo(ReleaseNotice.Outcome.ROLLED_BACK);
        assertThat(new NoticeText(notice).headline()).isEqualTo("shop: rolled back to 3f2a9c1");
        assertThat(new NoticeText(notice).facts()).contains(
                new NoticeText.Fact("Outcome", "rolled back"),
                new NoticeText.Fact("Trigger", "rollback asked by an operator"));
    }

    @Test
    void rollbackThatFailedSaysSo() {
        ReleaseNotice notice = notice(Trigger.ROLLBACK, Result.FAILED, Stage.STARTING, "port 9502 is held");

        assertThat(notice.outcome()).isEqualTo(ReleaseNotice.Outcome.FAILED);
        assertThat(new NoticeText(notice).headline()).isEqualTo("shop: rollback to 3f2a9c1 failed at starting");
    }

    @Test
    void failedReleaseNamesItsStageAndReason() {
        ReleaseNotice notice = notice(Trigger.DEPLOY, Result.FAILED, Stage.CHECKING_HEALTH, "answered 500 'db down'");

        assertThat(new NoticeText(notice).headline()).isEqualTo("shop: 3f2a9c1 failed at checking health");
        assertThat(new NoticeText(notice).facts()).containsExactly(
                new NoticeText.Fact("Commit", "3f2a9c1 \"Fix cart totals\""),
                new NoticeText.Fact("Author", "Alice Li <alice@example.com>"),
                new NoticeText.Fact("Outcome", "failed at checking health"),
                new NoticeText.Fact("Trigger", "deploy asked by an operator"),
                new NoticeText.Fact("Reason", "answered 500 'db down'"),
                new NoticeText.Fact("Release", "20250301100000-3f2a9c1 on green:9502"),
                new NoticeText.Fact("Took", "42.3s (fetching 1.2s, installing 20.1s, starting 3.0s, checking health 900ms)"));
    }

    @Test
    void recoveredAndAdoptedReleasesHaveTheirOwnWords() {
        assertThat(new NoticeText(notice(Trigger.START_UP, Result.RECOVERED, Stage.SWITCHING, "undone on restart")).headline())
                .isEqualTo("shop: 3f2a9c1 was interrupted at switching; recovered on restart");
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        Revision unknown = Revision.unknown();
        HistoryEntry adopted = new HistoryEntry(unknown, Optional.of(new Release(ReleaseId.of(now, unknown), unknown,
                Path.of("/srv/shop"))), new Slot("blue", 9501), Trigger.START_UP, Result.ADOPTED, Stage.LIVE,
                "adopted the instance already serving on port 9501", now, now, List.of());

        NoticeText text = new NoticeText(ReleaseNotice.of("shop", adopted));

        assertThat(text.headline()).isEqualTo("shop: adopted unknown as the live release");
        assertThat(text.facts()).contains(new NoticeText.Fact("Took", "0ms"));
    }

    @Test
    void longReasonIsShortenedForChat() {
        String reason = "x".repeat(5_000);

        List<NoticeText.Fact> facts = new NoticeText(notice(Trigger.POLL, Result.FAILED, Stage.INSTALLING, reason)).facts();

        assertThat(facts).filteredOn(f -> f.label().equals("Reason")).singleElement()
                .satisfies(f -> assertThat(f.value()).hasSize(NoticeText.MAX_REASON + 1).endsWith("…"));
    }

    @Test
    void durationsReadAtAGlance() {
        assertThat(NoticeText.duration(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(NoticeText.duration(Duration.ofMillis(42_310))).isEqualTo("42.3s");
        assertThat(NoticeText.duration(Duration.ofSeconds(125))).isEqualTo("2m05s");
    }

    private static ReleaseNotice notice(Trigger trigger, Result result, Stage stage, String reason) {
        return ReleaseNotice.of("shop", Entries.entry(Entries.revision(Entries.SHA), trigger, result, stage, reason));
    }
}
