package io.standby.adapters.nginx;

/**
 * nginx's configuration is not one Standby can work with; the message names the cause and the fix, because
 * the app shows it to the operator at start-up as it is.
 */
final class NginxConfigException extends IllegalStateException {

    NginxConfigException(String cause, String fix) {
        super(cause + ". Fix: " + fix);
    }
}
