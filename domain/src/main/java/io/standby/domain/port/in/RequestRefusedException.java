package io.standby.domain.port.in;

/** An operator asked for something that cannot be done as asked; the message says why and what to do instead. */
public class RequestRefusedException extends RuntimeException {

    public RequestRefusedException(String message) {
        super(message);
    }
}
