package io.standby.domain.port.out;

import io.standby.domain.model.Hook;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;

/** Runs the commands the team configured for a point in a release, in the release's directory. */
public interface ReleaseHooks {

    /** Runs every command of this hook in order; done when there are none, failed at the first that fails. */
    Outcome run(Hook hook, Plan plan, Release release);

    /** No hooks at all. */
    static ReleaseHooks none() {
        return (hook, plan, release) -> Outcome.done();
    }
}
