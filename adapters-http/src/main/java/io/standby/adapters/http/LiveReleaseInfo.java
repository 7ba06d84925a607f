package io.standby.adapters.http;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.standby.domain.model.LiveRelease;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code standby_live_release_info}: one series naming the release that serves now, read from the journal at each
 * scrape, or none before the first release. The client's {@code Info} metric has no callback form, hence a collector.
 */
final class LiveReleaseInfo implements Collector {

    static final String NAME = "standby_live_release";

    private final Supplier<Optional<LiveRelease>> live;

    LiveReleaseInfo(Supplier<Optional<LiveRelease>> live) {
        this.live = live;
    }

    @Override
    public MetricSnapshot collect() {
        InfoSnapshot.Builder info = InfoSnapshot.builder()
                .name(NAME)
                .help("The release that serves traffic now: its commit, the slot it runs in, and its release id");
        live.get().ifPresent(release -> info.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                .labels(Labels.of(
                        "commit", release.release().revision().sha(),
                        "slot", release.slot().name(),
                        "release", release.release().id().value()))
                .build()));
        return info.build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }
}
