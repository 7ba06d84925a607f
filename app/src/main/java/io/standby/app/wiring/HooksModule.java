package io.standby.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.standby.app.config.StandbyConfig;
import io.standby.app.hooks.CommandHooks;
import io.standby.app.hooks.HookCommands;
import io.standby.process.ProcessRunner;

/**
 * The team's hook commands from the configuration, run through the same process runner as composer and the service.
 * Which hooks the pipeline runs is the server's or the fleet's module's choice: a fleet adds its switch gate after the
 * team's.
 */
final class HooksModule extends AbstractModule {

    private final StandbyConfig config;
    private final HookCommands commands;

    HooksModule(StandbyConfig config, HookCommands commands) {
        this.config = config;
        this.commands = commands;
    }

    @Provides
    @Singleton
    CommandHooks hooks(ProcessRunner runner) {
        return new CommandHooks(config.app(), commands, config.stateDir().resolve("logs"), runner);
    }
}
