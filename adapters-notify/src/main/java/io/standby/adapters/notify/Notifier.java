package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** One service that hears of ended releases: how a notice becomes its request, and what its answers mean. */
sealed interface Notifier permits JsonWebhook, SlackWebhook, DingTalkRobot, WeComRobot {

    static Notifier of(NotifierSettings settings, ObjectMapper json, Clock clock) {
        Endpoint endpoint = Endpoint.of(settings.url());
        if (settings instanceof WebhookSettings webhook) {
            return new JsonWebhook(endpoint, webhook.headers(), json);
        }
        if (settings instanceof SlackSettings) {
            return new SlackWebhook(endpoint, json);
        }
        if (settings instanceof DingTalkSettings dingTalk) {
            return new DingTalkRobot(endpoint, dingTalk.secret(), json, clock);
        }
        if (settings instanceof WeComSettings) {
            return new WeComRobot(endpoint, json);
        }
        throw new IllegalArgumentException("no notifier for " + settings);
    }

    /** The kind and host, for logs: never the whole URL, which holds the token. */
    String name();

    /** The request for one attempt; built afresh each time, since a signature is only good for a while. */
    Message message(ReleaseNotice notice);

    /** What a 2xx answer means: some services report their errors inside one. */
    Answer read(String body);

    /** One POST of a JSON body. */
    record Message(URI uri, Map<String, String> headers, String json) {

        public Message {
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(json, "json");
        }
    }
}
