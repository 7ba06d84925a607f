package io.standby.adapters.easyswoole;

import java.time.Duration;
import java.util.Objects;

/**
 * How Standby asks the service whether it is healthy. The app's configuration gives every value its default and
 * checks it; this record carries them.
 *
 * @param path           the health endpoint's path, starting with '/'
 * @param expectedStatus the HTTP status a healthy instance answers with
 * @param requestTimeout how long one request may take, connecting included
 * @param attempts       how many requests an instance gets to answer healthy after it starts
 * @param interval       the pause between two attempts
 * @param proxyUrl       where the service is reached through the proxy, over plain http, without a trailing '/'
 * @param requireRevision whether a healthy answer must also name the expected commit's full id in its body, so that
 *                        an old process still answering on the port is never taken for the new release
 */
public record HealthSettings(String path, int expectedStatus, Duration requestTimeout, int attempts,
                             Duration interval, String proxyUrl, boolean requireRevision) {

    public HealthSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(proxyUrl, "proxyUrl");
    }
}
