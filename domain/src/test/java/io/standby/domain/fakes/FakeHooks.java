package io.standby.domain.fakes;

import io.standby.domain.model.Hook;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.port.out.ReleaseHooks;

import java.util.EnumMap;
import java.util.Map;

/** Hooks that succeed, or fail at the points a test names; each run is an event. */
public final class FakeHooks implements ReleaseHooks {

    private final Events events;
    private final Map<Hook, String> failures = new EnumMap<>(Hook.class);
    private final Map<Hook, Runnable> actions = new EnumMap<>(Hook.class);

    public FakeHooks(Events events) {
        this.events = events;
    }

    public void failAt(Hook hook, String reason) {
        failures.put(hook, reason);
    }

    /** Runs while the hook runs: how a test makes the world change at that point of a release. */
    public void whileRunning(Hook hook, Runnable action) {
        actions.put(hook, action);
    }

    @Override
    public Outcome run(Hook hook, Plan plan, Release release) {
        events.add("hook " + hook.key() + " " + release.revision().shortSha());
        actions.getOrDefault(hook, () -> { }).run();
        String reason = failures.get(hook);
        return reason == null ? Outcome.done() : Outcome.failed(reason);
    }
}
