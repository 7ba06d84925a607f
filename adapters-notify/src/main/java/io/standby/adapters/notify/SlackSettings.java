package io.standby.adapters.notify;

import java.util.Objects;

/**
 * A Slack incoming webhook.
 *
 * @param url      the webhook URL Slack gave, {@code https://hooks.slack.com/services/T.../B.../...}; read by the app
 *                 from the environment, since anyone holding it can post to the channel
 * @param timeouts per attempt
 */
public record SlackSettings(String url, HttpTimeouts timeouts) implements NotifierSettings {

    public SlackSettings {
        Endpoint.of(url);
        Objects.requireNonNull(timeouts, "timeouts");
    }

    @Override
    public String toString() {
        return "SlackSettings[url=" + Endpoint.of(url) + ", timeouts=" + timeouts + "]";
    }
}
