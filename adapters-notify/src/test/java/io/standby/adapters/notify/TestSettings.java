package io.standby.adapters.notify;

import java.time.Duration;
import java.util.List;

/**
 * Settings for tests, built whole: the records take no defaults (the app's configuration gives those), so these
 * helpers fill in the values the README documents and let a test name the ones it is about.
 */
final class TestSettings {

    /** Three tries, pausing 1 s, then 2 s, at most 30 s. */
    static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    /** 5 s to connect, 10 s for the answer. */
    static final HttpTimeouts TIMEOUTS = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    private TestSettings() {
    }

    /** The notifiers for the app {@code shop}, with the documented retries, queue of 100 and 10 s to close. */
    static NotifySettings notify(List<NotifierSettings> notifiers) {
        return new NotifySettings("shop", notifiers, RETRIES, 100, Duration.ofSeconds(10));
    }
}
