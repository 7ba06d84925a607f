package io.standby.domain.port.out;

/** The repository cannot give us what we asked for; the message names the cause and the fix. */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
