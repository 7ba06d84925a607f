package io.standby.adapters.notify;

/** How one delivery attempt went, and so whether to try again. */
sealed interface Answer {

    /** The service took the notice. */
    record Delivered() implements Answer {
    }

    /** The service may take it later: no connection, no answer in time, a 429 or 5xx, or an error it calls transient. */
    record Transient(String why) implements Answer {
    }

    /** The service said no in a way that trying again will not change: a bad URL, token, signature or message. */
    record Refused(String why) implements Answer {
    }

    /** An answer's body as a log may quote it: one line, short, since an error page can be a whole HTML document. */
    static String quote(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.isEmpty() ? "(empty)" : "'" + (line.length() <= 200 ? line : line.substring(0, 200) + "…") + "'";
    }
}
