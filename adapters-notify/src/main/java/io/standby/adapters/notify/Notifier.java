package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** One service that hears of ended releases: how a notice becomes its request, and what its answers mean. */
sealed interface Notifier permits JsonWebhook, SlackWebhook, DingTalkRobot, WeComRobot {

    static Notifier of(NotifierSettings settings, ObjectMapper json, Clock clock) {
        if (settings instanceof WebhookSettings webhook) {
            return new JsonWebhook(webhook, json);
        }
        if (settings instanceof SlackSettings slack) {
            return new SlackWebhook(slack, json);
        }
        if (settings instanceof DingTalkSettings dingTalk) {
            return new DingTalkRobot(dingTalk, json, clock);
        }
        if (settings instanceof WeComSettings weCom) {
            return new WeComRobot(weCom, json);
        }
        throw new IllegalArgumentException("no notifier for " + settings);
    }

    /** The kind and host, for logs: never the whole URL, which holds the token. */
    String name();

    HttpTimeouts timeouts();

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
