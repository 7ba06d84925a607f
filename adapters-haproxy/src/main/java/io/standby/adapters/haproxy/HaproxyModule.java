package io.standby.adapters.haproxy;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import io.standby.domain.port.out.TrafficRouter;

/**
 * HAProxy as the {@link TrafficRouter}, steered through its admin socket. Needs a {@code Slots} binding (the
 * application's two slots) from the application's own module.
 */
public final class HaproxyModule extends AbstractModule {

    private final HaproxySettings settings;

    public HaproxyModule(HaproxySettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(HaproxySettings.class).toInstance(settings);
        bind(TrafficRouter.class).to(HaproxyRouter.class).in(Scopes.SINGLETON);
    }
}
