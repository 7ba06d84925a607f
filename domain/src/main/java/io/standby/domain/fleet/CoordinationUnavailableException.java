package io.standby.domain.fleet;

/** The fleet's coordination cannot be reached or read now; the caller takes no step and tries again later. */
public class CoordinationUnavailableException extends RuntimeException {

    public CoordinationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public CoordinationUnavailableException(String message) {
        super(message);
    }
}
