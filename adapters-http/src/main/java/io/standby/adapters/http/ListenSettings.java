package io.standby.adapters.http;

import java.util.Objects;

/**
 * Where the agent's HTTP listener binds, and the largest request body it reads.
 *
 * @param address   the address to bind, {@code 127.0.0.1} unless the operator chooses to open it wider
 * @param port      the TCP port; 0 takes any free one (tests)
 * @param bodyLimit the most bytes of a request body read before answering 413
 */
public record ListenSettings(String address, int port, int bodyLimit) {

    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    /**
     * Far above a push event's size (GitHub lists at most 20 commits in one); a larger delivery is refused with 413
     * and its push is still released at the next poll.
     */
    public static final int DEFAULT_BODY_LIMIT = 1024 * 1024;
    static final int LARGEST_BODY_LIMIT = 64 * 1024 * 1024;

    public ListenSettings {
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("listen address is empty: leave it out for " + DEFAULT_ADDRESS
                    + ", or give the address to bind, e.g. 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen port must be between 1 and 65535, got " + port);
        }
        if (bodyLimit < 1024 || bodyLimit > LARGEST_BODY_LIMIT) {
            throw new IllegalArgumentException("listen body limit must be between 1 KiB and 64 MiB, got "
                    + bodyLimit + " bytes");
        }
    }

    /** Loopback on the given port, with the default body limit. */
    public static ListenSettings loopback(int port) {
        return new ListenSettings(DEFAULT_ADDRESS, port, DEFAULT_BODY_LIMIT);
    }
}
