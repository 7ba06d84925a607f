package io.standby.adapters.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one delivery attempt may take: a notifier that hangs costs at most this, on the notifier's own thread.
 *
 * @param connect the longest wait for the TCP and TLS connection (default 5 s)
 * @param request the longest wait for the whole answer once the request is sent (default 10 s)
 */
public record HttpTimeouts(Duration connect, Duration request) {

    public static final HttpTimeouts DEFAULT = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    public HttpTimeouts {
        positive(connect, "connect timeout");
        positive(request, "request timeout");
    }

    private static void positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("notify " + what + " must be positive, got " + duration);
        }
    }
}
