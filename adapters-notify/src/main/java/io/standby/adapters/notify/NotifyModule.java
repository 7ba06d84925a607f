package io.standby.adapters.notify;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import java.time.Clock;
import java.util.Objects;

/**
 * Provides the {@link Notifications} for the settings' notifiers. The app adds it to the timeline the release
 * pipeline tells, and closes it when the agent stops so that waiting notices go out.
 */
public final class NotifyModule extends AbstractModule {

    private final NotifySettings settings;

    public NotifyModule(NotifySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Provides
    @Singleton
    Notifications notifications() {
        return new Notifications(settings, Clock.systemUTC());
    }
}
