package io.standby.adapters.http;

import java.time.Duration;

/**
 * Settings for tests, built whole: the records take no defaults (the app's configuration gives those), so these
 * helpers fill in the values the README documents and let a test name the ones it is about.
 */
final class TestSettings {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final int BODY_LIMIT = 1024 * 1024;

    private TestSettings() {
    }

    /** Loopback, any free port unless one is given, the documented body limit. */
    static ListenSettings loopback(int port) {
        return new ListenSettings("127.0.0.1", port, BODY_LIMIT);
    }

    /** The forge's hook on the branch {@code main}, with the documented clock skew. */
    static WebhookSettings webhook(Forge forge, String secret) {
        return new WebhookSettings(forge, secret, "main", MAX_CLOCK_SKEW);
    }
}
