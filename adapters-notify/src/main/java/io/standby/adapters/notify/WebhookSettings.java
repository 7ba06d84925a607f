package io.standby.adapters.notify;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A generic webhook that receives each notice as JSON (see {@link WebhookPayload}). The app's configuration checks
 * the headers and reads the secret ones from the environment.
 *
 * @param url      where to POST
 * @param headers  extra request headers, e.g. {@code Authorization}; no value is ever printed
 * @param timeouts per attempt
 */
public record WebhookSettings(String url, Map<String, String> headers, HttpTimeouts timeouts) implements NotifierSettings {

    public WebhookSettings {
        Endpoint.of(url);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeouts, "timeouts");
    }

    @Override
    public String toString() {
        Map<String, String> redacted = new TreeMap<>();
        headers.keySet().forEach(name -> redacted.put(name, "(redacted)"));
        return "WebhookSettings[url=" + Endpoint.of(url) + ", headers=" + redacted + ", timeouts=" + timeouts + "]";
    }
}
