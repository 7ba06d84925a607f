package io.standby.adapters.nginx;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;

import java.util.Objects;

/**
 * nginx as the {@link TrafficRouter}, in the mode the settings choose, with the {@link NginxConfigCheck} of that mode's
 * set-up; flag mode also provides the {@link NginxSnippet} to print.
 */
public final class NginxModule extends AbstractModule {

    private final NginxSettings settings;

    public NginxModule(NginxSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(NginxSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    TrafficRouter trafficRouter(ProcessRunner runner) {
        return settings.mode().router(settings, runner);
    }

    @Provides
    @Singleton
    NginxSnippet snippet() {
        return NginxSnippet.of(settings);
    }

    @Provides
    @Singleton
    NginxConfigCheck configCheck(ProcessRunner runner) {
        return new NginxConfigCheck(settings, runner, ProcFs.system());
    }
}
