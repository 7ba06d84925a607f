package io.standby.adapters.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** What the listener says back: a status, a short body, and for 405 the methods the path allows. */
record Answer(int status, String contentType, byte[] body, Optional<String> allow) {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    Answer {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(allow, "allow");
    }

    static Answer text(int status, String text) {
        return new Answer(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    /** 202: the delivery was read and either woke the poller or was set aside; the body says which. */
    static Answer accepted(String why) {
        return text(202, "accepted: " + why);
    }

    static Answer ignored(String why) {
        return text(202, "ignored: " + why);
    }

    static Answer unauthorized(String why) {
        return text(401, "refused: " + why);
    }

    static Answer tooLarge(int limit) {
        return text(413, "refused: the body is larger than the " + limit + " bytes allowed (listen.body-limit)");
    }

    static Answer notFound() {
        return text(404, "not found: Standby answers on /metrics, /status and its configured hook path");
    }

    static Answer methodNotAllowed(String allowed) {
        return new Answer(405, TEXT, ("method not allowed: use " + allowed + "\n").getBytes(StandardCharsets.UTF_8),
                Optional.of(allowed));
    }
}
