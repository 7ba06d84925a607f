package io.standby.adapters.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who hears how each release ended, and how hard Standby tries to tell them.
 *
 * @param app           the application's name, at the head of every message
 * @param notifiers     the services to tell; each gets every notice, on its own thread
 * @param retries       how often a failed delivery is tried again; null for {@link RetryPolicy#DEFAULT}
 * @param queueCapacity notices waiting per notifier while it is slow; past this the oldest is dropped (default 100)
 * @param closeTimeout  how long the agent, stopping, waits for waiting notices to go out (default 10 s)
 */
public record NotifySettings(String app, List<NotifierSettings> notifiers, RetryPolicy retries, int queueCapacity,
                             Duration closeTimeout) {

    public static final int DEFAULT_QUEUE_CAPACITY = 100;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    public NotifySettings {
        Objects.requireNonNull(app, "app");
        if (app.isBlank()) {
            throw new IllegalArgumentException("the app name heading notifications is blank");
        }
        notifiers = List.copyOf(notifiers);
        retries = Objects.requireNonNullElse(retries, RetryPolicy.DEFAULT);
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("notify queue capacity must be at least 1, got " + queueCapacity);
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("notify close timeout must not be negative, got " + closeTimeout);
        }
    }

    /** The given notifiers with the default retries, queue and close timeout. */
    public NotifySettings(String app, List<NotifierSettings> notifiers) {
        this(app, notifiers, RetryPolicy.DEFAULT, DEFAULT_QUEUE_CAPACITY, DEFAULT_CLOSE_TIMEOUT);
    }
}
