package io.standby.adapters.haproxy;

/** HAProxy's runtime API could not be reached or refused a command; the message names the cause and the fix. */
final class RuntimeApiException extends IllegalStateException {

    RuntimeApiException(String message) {
        super(message);
    }

    RuntimeApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
