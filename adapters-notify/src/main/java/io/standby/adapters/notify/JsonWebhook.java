package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** Any HTTP endpoint that takes the notice as {@link WebhookPayload JSON}: every 2xx answer means delivered. */
final class JsonWebhook implements Notifier {

    private final Endpoint endpoint;
    private final Map<String, String> headers;
    private final ObjectMapper json;

    JsonWebhook(Endpoint endpoint, Map<String, String> headers, ObjectMapper json) {
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.json = json;
    }

    @Override
    public String name() {
        return "webhook " + endpoint.publicForm();
    }

    @Override
    public Message message(ReleaseNotice notice) {
        return new Message(endpoint.uri(), headers, WebhookPayload.of(notice, json).toString());
    }

    @Override
    public Answer read(String body) {
        return new Answer.Delivered();
    }
}
