package io.standby.app.config;

/** The configuration cannot be used; the message names the key, what is wrong, and the fix. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
