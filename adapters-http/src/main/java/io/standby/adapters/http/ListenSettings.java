package io.standby.adapters.http;

import java.util.Objects;

/**
 * Where the agent's HTTP listener binds, and the largest request body it reads. The app's configuration gives every
 * value its default and checks it; this record carries them.
 *
 * @param address   the address to bind, e.g. {@code 127.0.0.1}
 * @param port      the TCP port; 0 takes any free one (tests)
 * @param bodyLimit the most bytes of a request body read before answering 413
 */
public record ListenSettings(String address, int port, int bodyLimit) {

    public ListenSettings {
        Objects.requireNonNull(address, "address");
    }
}
