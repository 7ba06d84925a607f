package io.standby.domain.port.out;

/**
 * The proxy cannot be asked or told anything right now: it is not running, its admin socket or pid file is gone, or
 * its configuration cannot be read. The message names the cause and the fix. An adapter throws this, never its own
 * library's exceptions, so the state machine can decide what a missing proxy means at each stage.
 *
 * <p>An {@link IllegalStateException}: a broken environment, not a bug and not the operator's request.
 */
public class ProxyUnavailableException extends IllegalStateException {

    public ProxyUnavailableException(String message) {
        super(message);
    }
}
