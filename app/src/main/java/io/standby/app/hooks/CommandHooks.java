package io.standby.app.hooks;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Hook;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.port.out.ReleaseHooks;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a hook's commands one after the other in the release's directory, with the release described in
 * {@code STANDBY_*} variables, their output appended to the release's log. The first failure ends the hook.
 */
public final class CommandHooks implements ReleaseHooks {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHooks.class);

    private final String app;
    private final HookCommands commands;
    private final Path logs;
    private final ProcessRunner runner;

    public CommandHooks(String app, HookCommands commands, Path logs, ProcessRunner runner) {
        this.app = app;
        this.commands = commands;
        this.logs = logs;
        this.runner = runner;
    }

    @Override
    public Outcome run(Hook hook, Plan plan, Release release) {
        for (List<String> arguments : commands.at(hook)) {
            Command command = Command.of(release.directory(), commands.timeout(), arguments)
                    .withEnvironment(environment(hook, plan, release))
                    .loggingTo(logs.resolve(release.id().value() + ".log"));
            LOG.info("{} hook: running {} in {}", hook.key(), command.display(), release.directory());
            Completion done = runner.run(command);
            if (done.timedOut()) {
                return Outcome.failed(command.display() + " did not finish within " + Durations.human(commands.timeout())
                        + " and was killed; its output ends: " + done.tail(3));
            }
            if (!done.succeeded()) {
                return Outcome.failed(command.display() + " exited with " + done.exitCode() + ": " + done.tail(3));
            }
        }
        return Outcome.done();
    }

    private Map<String, String> environment(Hook hook, Plan plan, Release release) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STANDBY_HOOK", hook.key());
        env.put("STANDBY_APP", app);
        env.put("STANDBY_RELEASE", release.id().value());
        env.put("STANDBY_RELEASE_DIR", release.directory().toString());
        env.put("STANDBY_COMMIT", release.revision().sha());
        env.put("STANDBY_SLOT", plan.slot().name());
        env.put("STANDBY_PORT", String.valueOf(plan.slot().port()));
        plan.previous().ifPresent(previous -> putPrevious(env, previous));
        return env;
    }

    private static void putPrevious(Map<String, String> env, LiveRelease previous) {
        env.put("STANDBY_PREVIOUS_RELEASE", previous.release().id().value());
        env.put("STANDBY_PREVIOUS_RELEASE_DIR", previous.release().directory().toString());
        env.put("STANDBY_PREVIOUS_COMMIT", previous.release().revision().sha());
        env.put("STANDBY_PREVIOUS_SLOT", previous.slot().name());
        env.put("STANDBY_PREVIOUS_PORT", String.valueOf(previous.slot().port()));
    }
}
