package io.standby.adapters.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Result;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.model.Stage;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The agent's metrics, served on {@code /metrics}. What happens during releases is counted as the timeline hears
 * it; what the journal keeps (the live release, the repository's failures in a row, the last release's end) is read
 * from it at each scrape, so it is right from the agent's first scrape on, restarts included.
 *
 * <p>A switch is a switching stage that succeeded. A switch-back is a failed verifying stage: that is how the
 * pipeline reports a release that failed behind the proxy in its watch window, after which Standby switched back, or
 * tried to (the history's reason says which), just as {@link Result#ROLLED_BACK} means.
 */
public final class ReleaseMetrics implements Timeline {

    private static final Logger log = LoggerFactory.getLogger(ReleaseMetrics.class);
    // From a switch (milliseconds) to a composer install or a drain (minutes).
    private static final double[] STAGE_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800};

    private final ReleaseStore journal;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter releases;
    private final Histogram stageDurations;
    private final Counter switches;
    private final Counter switchBacks;
    // Null until known: seeded from the journal at the first scrape unless a release ends before it.
    private final AtomicReference<Optional<Instant>> lastEnded = new AtomicReference<>();

    /** @param journal read at each scrape, never written */
    public ReleaseMetrics(ReleaseStore journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        releases = Counter.builder()
                .name("standby_releases")
                .help("Releases that ended, by how they ended (live, failed, rolled_back, rolled_away, adopted, recovered)")
                .labelNames("result")
                .withoutExemplars()
                .register(registry);
        for (Result result : Result.values()) {
            releases.initLabelValues(label(result));
        }
        stageDurations = Histogram.builder()
                .name("standby_stage_duration_seconds")
                .help("How long each stage of a release took, by stage and by whether it succeeded")
                .labelNames("stage", "outcome")
                .classicOnly()
                .classicUpperBounds(STAGE_SECONDS)
                .withoutExemplars()
                .register(registry);
        switches = Counter.builder()
                .name("standby_proxy_switches")
                .help("Times the proxy was switched to a new release")
                .withoutExemplars()
                .register(registry);
        switchBacks = Counter.builder()
                .name("standby_proxy_switch_backs")
                .help("Releases that failed behind the proxy in their watch window, after which Standby switched back")
                .withoutExemplars()
                .register(registry);
        GaugeWithCallback.builder()
                .name("standby_last_release_end_time_seconds")
                .help("When the last release ended, whatever its result, in seconds since 1970")
                .callback(callback -> lastEnded().ifPresent(at -> callback.call(at.toEpochMilli() / 1000.0)))
                .register(registry);
        GaugeWithCallback.builder()
                .name("standby_repository_consecutive_failures")
                .help("Failed attempts in a row to read the repository; 0 once it answers")
                .callback(callback -> sourceHealth().ifPresent(health -> callback.call(health.failuresInARow())))
                .register(registry);
        registry.register(new LiveReleaseInfo(this::live));
    }

    @Override
    public void stageSucceeded(Plan plan, Stage stage, Duration took) {
        stageDurations.labelValues(label(stage), "succeeded").observe(seconds(took));
        if (stage == Stage.SWITCHING) {
            switches.inc();
        }
    }

    @Override
    public void stageFailed(Plan plan, Stage stage, Duration took, String reason) {
        stageDurations.labelValues(label(stage), "failed").observe(seconds(took));
        if (stage == Stage.VERIFYING) {
            switchBacks.inc();
        }
    }

    @Override
    public void ended(HistoryEntry entry) {
        releases.labelValues(label(entry.result())).inc();
        lastEnded.set(Optional.of(entry.endedAt()));
    }

    /** Everything there is to serve, as the client's exposition formats take it. */
    MetricSnapshots scrape() {
        return registry.scrape();
    }

    private Optional<Instant> lastEnded() {
        Optional<Instant> known = lastEnded.get();
        if (known != null) {
            return known;
        }
        Optional<Instant> seeded = fromJournal("the history", () -> {
            List<HistoryEntry> history = journal.history();
            return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).endedAt());
        });
        lastEnded.compareAndSet(null, seeded);
        return lastEnded.get();
    }

    private Optional<SourceHealth> sourceHealth() {
        return fromJournal("the repository's health", journal::sourceHealth);
    }

    private Optional<LiveRelease> live() {
        return fromJournal("the live release", journal::live);
    }

    /** A journal that cannot be read leaves its metric out of this scrape; the others are still served. */
    private static <T> Optional<T> fromJournal(String what, Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            log.debug("left {} out of the metrics: {}", what, e.getMessage());
            return Optional.empty();
        }
    }

    private static String label(Result result) {
        return result.name().toLowerCase(Locale.ROOT);
    }

    private static String label(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration took) {
        return took.toNanos() / 1e9;
    }
}
