package io.standby.app.cli;

import com.google.inject.Injector;
import io.standby.app.config.StandbyConfig;
import io.standby.app.wiring.Wiring;

/**
 * Everything a release needs, for the commands that release or check what a release would touch (run, deploy,
 * rollback, check-config). Kept out of the command classes: picocli reads every command's methods on each start, and
 * a method naming the injector would load Guice for {@code status} too.
 */
final class ReleaseWiring {

    private ReleaseWiring() {
    }

    /** The configuration has checked every value the adapters get; the listener's /status prints what status --json does. */
    static Injector of(StandbyConfig config) {
        return Wiring.agent(config, StatusCommand::json);
    }
}
