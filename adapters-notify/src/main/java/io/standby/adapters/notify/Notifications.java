package io.standby.adapters.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.port.out.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Tells chat rooms and webhooks how each release ended: live, failed, switched back, rolled back, recovered or
 * adopted. {@link #ended} only queues the notice, one queue per notifier; a notifier that hangs or fails never delays
 * or fails a release. The stage-by-stage timeline is for the log, so the other methods do nothing.
 */
public final class Notifications implements Timeline, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final String app;
    private final List<Courier> couriers;
    private final Duration closeTimeout;

    Notifications(NotifySettings settings, Clock clock) {
        ObjectMapper json = new ObjectMapper();
        this.app = settings.app();
        this.couriers = settings.notifiers().stream()
                .map(notifier -> new Courier(Notifier.of(notifier, json, clock), notifier.timeouts(), settings.retries(),
                        settings.queueCapacity()))
                .toList();
        this.closeTimeout = settings.closeTimeout();
    }

    @Override
    public void ended(HistoryEntry entry) {
        try {
            ReleaseNotice notice = ReleaseNotice.of(app, entry);
            couriers.forEach(courier -> courier.post(notice));
        } catch (RuntimeException e) {
            // The release is still on its path: a notice we cannot even write must not end it.
            LOG.warn("could not notify of the release of {}: {}", entry.revision(), e.toString());
        }
    }

    /** Notices still waiting, over all notifiers. */
    int waiting() {
        return couriers.stream().mapToInt(Courier::waiting).sum();
    }

    /**
     * Stops taking notices and lets the waiting ones go out, for at most the close timeout in all; what is left then is
     * abandoned with a warning. For the agent's shutdown.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        couriers.forEach(Courier::stopTaking);
        try {
            for (Courier courier : couriers) {
                courier.finish(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
