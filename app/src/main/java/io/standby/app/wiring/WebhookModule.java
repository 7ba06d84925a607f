package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import io.standby.adapters.http.PushHook;
import io.standby.adapters.http.PushSignal;
import io.standby.adapters.http.WebhookSettings;

/** The forge's push hook on the listener of {@link HttpModule}: a signed push has the branch read now, not at the next poll. */
final class WebhookModule extends AbstractModule {

    private final WebhookSettings settings;

    WebhookModule(WebhookSettings settings) {
        this.settings = settings;
    }

    // What a push wakes is the agent's own: the poller's pause (OneServerModule) or the fleet's leader (FleetModule).
    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    PushHook hook(SystemClock clock, PushSignal signal) {
        return PushHook.of(settings, clock, signal);
    }
}
