package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Slack incoming webhook: {@code {"text": ...}} in Slack's mrkdwn. Slack answers 200 with the body {@code ok};
 * its errors come as 4xx with a code such as {@code invalid_payload} or {@code no_service} in the body.
 */
final class SlackWebhook implements Notifier {

    private final Endpoint endpoint;
    private final ObjectMapper json;

    SlackWebhook(Endpoint endpoint, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json;
    }

    @Override
    public String name() {
        return "slack " + endpoint.publicForm();
    }

    @Override
    public Message message(ReleaseNotice notice) {
        NoticeText text = new NoticeText(notice);
        String mrkdwn = notice.outcome().mood().symbol() + " *" + escape(text.headline()) + "*\n"
                + text.facts().stream().map(f -> "*" + f.label() + ":* " + escape(f.value())).collect(Collectors.joining("\n"));
        return new Message(endpoint.uri(), Map.of(), json.createObjectNode().put("text", mrkdwn).toString());
    }

    @Override
    public Answer read(String body) {
        return body.strip().equals("ok") ? new Answer.Delivered()
                : new Answer.Refused("answered 200 with " + Answer.quote(body) + " instead of ok; is the URL a Slack incoming webhook?");
    }

    /** Slack reads &, < and > as markup (links, mentions), so text must carry them as entities. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
