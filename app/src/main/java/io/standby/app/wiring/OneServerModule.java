package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.standby.adapters.http.PushSignal;
import io.standby.app.hooks.CommandHooks;
import io.standby.domain.model.PreviousRelease;
import io.standby.domain.port.in.PollForRelease;
import io.standby.domain.port.out.ReleaseHooks;

/**
 * A server on its own, as without a fleet section: it polls its branch, runs the team's hooks as they are, and retires
 * the previous release once the new one is verified.
 */
final class OneServerModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(ReleaseHooks.class).to(CommandHooks.class);
        bind(PreviousRelease.class).toInstance(PreviousRelease.RETIRED);
    }

    /**
     * A push is left for the next poll, so that the release it finds says a push started it, then ends the pause
     * before that poll (the clock leaves a release's own pauses alone).
     */
    @Provides
    PushSignal pushSignal(PushInbox inbox, SystemClock clock) {
        return () -> {
            inbox.arrive();
            clock.pushed();
        };
    }

    @Provides
    AgentLoop loop(PollForRelease poller) {
        return new PollingLoop(poller);
    }
}
