package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoOptional;
import io.standby.adapters.http.PushHook;
import io.standby.adapters.http.WebhookSettings;

/** The forge's push hook on the listener of {@link HttpModule}: a signed push ends the pause before the next poll. */
final class WebhookModule extends AbstractModule {

    private final WebhookSettings settings;

    WebhookModule(WebhookSettings settings) {
        this.settings = settings;
    }

    // The hook's signal is the agent's clock: a push ends only the pause between polls, never a release's own.
    @ProvidesIntoOptional(ProvidesIntoOptional.Type.ACTUAL)
    @Singleton
    PushHook hook(SystemClock clock) {
        return PushHook.of(settings, clock, clock);
    }
}
