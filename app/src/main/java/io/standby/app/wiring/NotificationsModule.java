package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.standby.adapters.notify.Notifications;
import io.standby.adapters.notify.NotifyModule;
import io.standby.adapters.notify.NotifySettings;
import io.standby.domain.port.out.Timeline;

/** Tells the configured notifiers how each release ended; waiting notices go out when the command ends. */
final class NotificationsModule extends AbstractModule {

    private final NotifySettings settings;

    NotificationsModule(NotifySettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        install(new NotifyModule(settings));
        Multibinder.newSetBinder(binder(), Timeline.class).addBinding().to(Notifications.class);
    }

    @ProvidesIntoSet
    Background.Part sending(Notifications notifications) {
        return new Background.Part() {
            @Override
            public void close() {
                notifications.close();
            }

            @Override
            public String toString() {
                return "the notifications";
            }
        };
    }
}
