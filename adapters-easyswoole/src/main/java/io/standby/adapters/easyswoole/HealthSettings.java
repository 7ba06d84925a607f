package io.standby.adapters.easyswoole;

import java.net.URI;
import java.time.Duration;

/**
 * How Standby asks the service whether it is healthy; a null field takes its default.
 *
 * @param path           the health endpoint's path (default {@code /health})
 * @param expectedStatus the HTTP status a healthy instance answers with (default 200)
 * @param requestTimeout how long one request may take, connecting included (default 2s)
 * @param attempts       how many requests an instance gets to answer healthy after it starts (default 30)
 * @param interval       the pause between two attempts (default 1s)
 * @param proxyUrl       where clients reach the service through the proxy (default {@code http://127.0.0.1:80})
 */
public record HealthSettings(String path, Integer expectedStatus, Duration requestTimeout, Integer attempts,
                             Duration interval, String proxyUrl) {

    public HealthSettings {
        path = path == null ? "/health" : path;
        expectedStatus = expectedStatus == null ? 200 : expectedStatus;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(2) : requestTimeout;
        attempts = attempts == null ? 30 : attempts;
        interval = interval == null ? Duration.ofSeconds(1) : interval;
        proxyUrl = proxyUrl == null ? "http://127.0.0.1:80" : stripTrailingSlash(proxyUrl);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("health path must start with '/': '" + path + "'");
        }
        if (expectedStatus < 100 || expectedStatus > 599) {
            throw new IllegalArgumentException("expected health status must be an HTTP status (100-599), got " + expectedStatus);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("health attempts must be at least 1, got " + attempts);
        }
        EasySwooleSettings.requirePositive(requestTimeout, "health requestTimeout");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("health interval must not be negative, got " + interval);
        }
        URI proxy = URI.create(proxyUrl);
        if (!"http".equals(proxy.getScheme()) || proxy.getHost() == null) {
            throw new IllegalArgumentException("proxy URL must be http://host[:port], got '" + proxyUrl + "'");
        }
    }

    public static HealthSettings defaults() {
        return new HealthSettings(null, null, null, null, null, null);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
