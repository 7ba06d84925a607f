package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.standby.adapters.http.ListenSettings;
import io.standby.adapters.http.Listener;
import io.standby.adapters.http.PushHook;
import io.standby.adapters.http.ReleaseMetrics;
import io.standby.domain.model.StatusReport;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.Timeline;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The agent's HTTP listener: {@code /metrics} from the timeline's metrics, {@code /status} with exactly what
 * {@code status --json} prints, and the forge's push hook when {@link WebhookModule} is installed too.
 */
final class HttpModule extends AbstractModule {

    private final ListenSettings settings;
    private final Function<StatusReport, String> statusJson;

    /** @param statusJson what {@code status --json} prints for a report: the one function both use */
    HttpModule(ListenSettings settings, Function<StatusReport, String> statusJson) {
        this.settings = settings;
        this.statusJson = statusJson;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PushHook.class);
        Multibinder.newSetBinder(binder(), Timeline.class).addBinding().to(ReleaseMetrics.class);
    }

    @Provides
    @Singleton
    ReleaseMetrics metrics(ReleaseStore journal) {
        return new ReleaseMetrics(journal);
    }

    @Provides
    @Singleton
    Listener listener(Optional<PushHook> hook, ReleaseMetrics metrics, ReportReleases reports) {
        return new Listener(settings, hook, metrics, () -> statusJson.apply(reports.status()));
    }

    @ProvidesIntoSet
    Background.Part listening(Listener listener) {
        return new Background.Part() {
            @Override
            public void start() throws IOException {
                listener.start();
            }

            @Override
            public void close() {
                listener.close();
            }

            @Override
            public String toString() {
                return "the HTTP listener";
            }
        };
    }
}
