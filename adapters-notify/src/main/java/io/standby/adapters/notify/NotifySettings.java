package io.standby.adapters.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who hears how each release ended, and how hard Standby tries to tell them. The app's configuration gives every
 * value its default and checks it; this record carries them.
 *
 * @param app           the application's name, at the head of every message
 * @param notifiers     the services to tell; each gets every notice, on its own thread
 * @param retries       how often a failed delivery is tried again
 * @param queueCapacity notices waiting per notifier while it is slow; past this the oldest is dropped
 * @param closeTimeout  how long the agent, stopping, waits for waiting notices to go out
 */
public record NotifySettings(String app, List<NotifierSettings> notifiers, RetryPolicy retries, int queueCapacity,
                             Duration closeTimeout) {

    public NotifySettings {
        Objects.requireNonNull(app, "app");
        notifiers = List.copyOf(notifiers);
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }
}
