package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.standby.process.ProcessRunner;

import java.util.Set;

/**
 * The one process runner every adapter uses, which keeps the agent's own secrets (the repository token's variable)
 * out of the environment of composer, php and the service.
 */
final class ProcessModule extends AbstractModule {

    private final Set<String> withheld;

    ProcessModule(Set<String> withheld) {
        this.withheld = Set.copyOf(withheld);
    }

    @Provides
    @Singleton
    ProcessRunner runner() {
        return new ProcessRunner(withheld);
    }
}
