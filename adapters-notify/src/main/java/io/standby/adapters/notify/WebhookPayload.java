package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.standby.domain.model.Revision;

import java.util.Locale;

/**
 * The generic webhook's JSON, a public format with a version: receivers may rely on every field below, and a change
 * that breaks one gets a new {@code version}. Codes are lower-case words; times are ISO-8601 UTC; durations are
 * milliseconds.
 * <pre>
 * {
 *   "event": "release.ended", "version": 1,
 *   "app": "shop",
 *   "text": "shop: 3f2a9c1 failed at checking health",
 *   "outcome": "live" | "rolled_back" | "failed" | "switched_back" | "rolled_away" | "recovered" | "adopted",
 *   "good": true | false,
 *   "trigger": "poll" | "push" | "deploy" | "rollback" | "start_up",
 *   "stage": "fetching" | "installing" | "starting" | "checking_health" | "switching" | "verifying" | "draining"
 *            | "retiring" | "live",
 *   "reason": "" or why it ended as it did,
 *   "commit": {"sha": 40 hex or null, "short": 7 hex or null, "author": "Name &lt;mail&gt;", "subject": first line,
 *              "committedAt": time or null},
 *   "release": "20250101120000-3f2a9c1" or null, "slot": {"name": "green", "port": 9502},
 *   "startedAt": time, "endedAt": time, "tookMs": 42310,
 *   "stages": [{"stage": "fetching", "tookMs": 1200}, ...]
 * }
 * </pre>
 * {@code text} makes the body acceptable as it is to Mattermost and Rocket.Chat incoming webhooks.
 */
final class WebhookPayload {

    static final int VERSION = 1;

    private WebhookPayload() {
    }

    static ObjectNode of(ReleaseNotice notice, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        body.put("event", "release.ended");
        body.put("version", VERSION);
        body.put("app", notice.app());
        body.put("text", new NoticeText(notice).headline());
        body.put("outcome", code(notice.outcome()));
        body.put("good", notice.outcome().mood() == ReleaseNotice.Mood.GOOD);
        body.put("trigger", code(notice.trigger()));
        body.put("stage", code(notice.stage()));
        body.put("reason", notice.reason());
        Revision revision = notice.revision();
        ObjectNode commit = body.putObject("commit");
        commit.put("sha", revision.isKnown() ? revision.sha() : null);
        commit.put("short", revision.isKnown() ? revision.shortSha() : null);
        commit.put("author", revision.author());
        commit.put("subject", revision.subject());
        commit.put("committedAt", revision.isKnown() ? revision.committedAt().toString() : null);
        body.put("release", notice.release().orElse(null));
        ObjectNode slot = body.putObject("slot");
        slot.put("name", notice.slot().name());
        slot.put("port", notice.slot().port());
        body.put("startedAt", notice.startedAt().toString());
        body.put("endedAt", notice.endedAt().toString());
        body.put("tookMs", notice.took().toMillis());
        ArrayNode stages = body.putArray("stages");
        notice.stages().forEach(timing -> stages.addObject()
                .put("stage", code(timing.stage()))
                .put("tookMs", timing.took().toMillis()));
        return body;
    }

    private static String code(Enum<?> value) {
        // RETIRING's label is "retiring the old"; the code stays the one word.
        return value.name().toLowerCase(Locale.ROOT);
    }
}
