package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.standby.app.config.StandbyConfig;
import io.standby.app.state.FileSystemWorkspace;
import io.standby.app.state.SharedPaths;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.Pushes;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.ReleaseWorkspace;
import io.standby.domain.port.out.Timeline;
import io.standby.domain.service.Reports;

/**
 * What belongs to the agent rather than to a technology: the journal, the releases on disk with their shared files,
 * the clock and the timeline. ({@code status} and {@code history} read the journal through {@link JournalReports},
 * without an injector.)
 */
public final class JournalModule extends AbstractModule {

    private final StandbyConfig config;

    public JournalModule(StandbyConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(StandbyConfig.class).toInstance(config);
        bind(SystemClock.class).in(Singleton.class);
        bind(Clock.class).to(SystemClock.class);
        bind(GracefulStop.class).to(SystemClock.class);
        // The push signal itself depends on how the agent runs: OneServerModule and FleetModule bind it.
        bind(PushInbox.class).in(Singleton.class);
        bind(Pushes.class).to(PushInbox.class);
        bind(Slf4jTimeline.class).in(Singleton.class);
        // The log is always told; the metrics and notifications modules add themselves when configured.
        Multibinder.newSetBinder(binder(), Timeline.class).addBinding().to(Slf4jTimeline.class);
        bind(Timeline.class).to(Timelines.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), Background.Part.class);
        bind(Background.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ReleaseStore store() {
        return JournalReports.store(config);
    }

    @Provides
    @Singleton
    FileSystemWorkspace fileSystemWorkspace() {
        return new FileSystemWorkspace(config.releasesDir(), config.stateDir().resolve("logs"),
                new SharedPaths(config.stateDir().resolve("shared"), config.shared().files(), config.shared().dirs()));
    }

    @Provides
    ReleaseWorkspace workspace(FileSystemWorkspace workspace) {
        return workspace;
    }

    @Provides
    @Singleton
    ReportReleases reports(ReleaseStore store) {
        return new Reports(store);
    }
}
