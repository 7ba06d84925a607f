package io.standby.adapters.notify;

import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A notice in plain words: one headline and a few labelled facts. The chat notifiers share these words and differ
 * only in markup, so a release reads the same in Slack, DingTalk and WeCom.
 */
final class NoticeText {

    /** Reasons can quote a whole health answer; a chat message that long is refused (WeCom allows 4096 bytes). */
    static final int MAX_REASON = 1000;

    private final ReleaseNotice notice;

    NoticeText(ReleaseNotice notice) {
        this.notice = notice;
    }

    /** E.g. "shop: 3f2a9c1 failed at checking health". */
    String headline() {
        String commit = notice.commit();
        String stage = notice.stage().label();
        String what = switch (notice.outcome()) {
            case LIVE -> commit + " is live";
            case ROLLED_BACK -> "rolled back to " + commit;
            case FAILED -> (notice.trigger() == Trigger.ROLLBACK ? "rollback to " + commit : commit) + " failed at " + stage;
            case SWITCHED_BACK -> commit + " failed at " + stage + "; traffic switched back";
            case ROLLED_AWAY -> "rolled back from " + commit;
            case RECOVERED -> commit + " was interrupted at " + stage + "; recovered on restart";
            case ADOPTED -> "adopted " + commit + " as the live release";
        };
        return notice.app() + ": " + what;
    }

    List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        String subject = notice.revision().subject();
        facts.add(new Fact("Commit", notice.commit() + (subject.isEmpty() ? "" : " \"" + subject + "\"")));
        if (!notice.revision().author().isEmpty()) {
            facts.add(new Fact("Author", notice.revision().author()));
        }
        facts.add(new Fact("Outcome", notice.outcome().words()
                + (notice.stage() == Stage.LIVE ? "" : " at " + notice.stage().label())));
        facts.add(new Fact("Trigger", trigger(notice.trigger())));
        if (!notice.reason().isEmpty()) {
            facts.add(new Fact("Reason", shortened(notice.reason())));
        }
        facts.add(new Fact("Release", notice.release().map(id -> id + " on ").orElse("slot ") + notice.slot()));
        facts.add(new Fact("Took", duration(notice.took()) + stages(notice.stages())));
        return facts;
    }

    /** "850ms", "42.3s", "2m05s": what a reader takes in at a glance. */
    static String duration(Duration took) {
        long millis = Math.max(0, took.toMillis());
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    private static String stages(List<StageTiming> timings) {
        if (timings.isEmpty()) {
            return "";
        }
        return timings.stream().map(t -> t.stage().label() + " " + duration(t.took()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static String trigger(Trigger trigger) {
        return switch (trigger) {
            case POLL -> "new commit on the branch";
            case PUSH -> "push to the branch, announced by its webhook";
            case DEPLOY -> "deploy asked by an operator";
            case ROLLBACK -> "rollback asked by an operator";
            case START_UP -> "agent start-up";
        };
    }

    private static String shortened(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }

    /** One line of a message: a label and what it says. */
    record Fact(String label, String value) {
    }
}
