package io.standby.adapters.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one delivery attempt may take: a notifier that hangs costs at most this, on the notifier's own thread.
 * The app's configuration gives both their default and checks them.
 *
 * @param connect the longest wait for the TCP and TLS connection
 * @param request the longest wait for the whole answer once the request is sent
 */
public record HttpTimeouts(Duration connect, Duration request) {

    public HttpTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(request, "request");
    }
}
