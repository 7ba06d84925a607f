package io.standby.adapters.http;

import com.sun.net.httpserver.Headers;

import java.util.Objects;
import java.util.Optional;

/** One hook request as it arrived: its headers and its raw body, which signatures cover byte for byte. */
record Delivery(Headers headers, byte[] body) {

    Delivery {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The header's first value; names are case-insensitive. */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }
}
