package io.standby.adapters.haproxy;

/** HAProxy's runtime API could not be reached or refused a command; the message names the cause and the fix. */
final class RuntimeApiException extends IllegalStateException {

    private final boolean unreachable;

    RuntimeApiException(String message) {
        this(message, null, false);
    }

    private RuntimeApiException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** Nothing answered on the socket (HAProxy stopped, restarting, stuck), as opposed to an answer that refused. */
    static RuntimeApiException unreachable(String message, Throwable cause) {
        return new RuntimeApiException(message, cause, true);
    }

    boolean unreachable() {
        return unreachable;
    }
}
