package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Any HTTP endpoint that takes the notice as {@link WebhookPayload JSON}: every 2xx answer means delivered. */
final class JsonWebhook implements Notifier {

    private final WebhookSettings settings;
    private final Endpoint endpoint;
    private final ObjectMapper json;

    JsonWebhook(WebhookSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.endpoint = Endpoint.of(settings.url());
        this.json = json;
    }

    @Override
    public String name() {
        return "webhook " + endpoint.publicForm();
    }

    @Override
    public HttpTimeouts timeouts() {
        return settings.timeouts();
    }

    @Override
    public Message message(ReleaseNotice notice) {
        return new Message(endpoint.uri(), settings.headers(), WebhookPayload.of(notice, json).toString());
    }

    @Override
    public Answer read(String body) {
        return new Answer.Delivered();
    }
}
