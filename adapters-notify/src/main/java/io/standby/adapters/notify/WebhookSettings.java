package io.standby.adapters.notify;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A generic webhook that receives each notice as JSON (see {@link WebhookPayload}).
 *
 * @param url      where to POST
 * @param headers  extra request headers, e.g. {@code Authorization}; values that are secrets are read by the app from
 *                 the environment, and no value is ever printed
 * @param timeouts per attempt; null for {@link HttpTimeouts#DEFAULT}
 */
public record WebhookSettings(String url, Map<String, String> headers, HttpTimeouts timeouts) implements NotifierSettings {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // The JDK's client sets these itself and refuses them; Content-Type is ours, since the body is our JSON.
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "content-type", "expect", "host", "upgrade");

    public WebhookSettings {
        Endpoint.of(url);
        headers = Map.copyOf(Objects.requireNonNullElse(headers, Map.of()));
        headers.forEach((name, value) -> {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("notify webhook header name '" + name + "' is not a valid HTTP header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("notify webhook header '" + name + "' is set by Standby itself; leave it out");
            }
            if (value.isEmpty() || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("notify webhook header '" + name + "' has an empty value or a line break in it");
            }
        });
        timeouts = Objects.requireNonNullElse(timeouts, HttpTimeouts.DEFAULT);
    }

    @Override
    public String toString() {
        Map<String, String> redacted = new TreeMap<>();
        headers.keySet().forEach(name -> redacted.put(name, "(redacted)"));
        return "WebhookSettings[url=" + Endpoint.of(url) + ", headers=" + redacted + ", timeouts=" + timeouts + "]";
    }
}
