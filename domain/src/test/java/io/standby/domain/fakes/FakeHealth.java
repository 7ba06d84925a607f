package io.standby.domain.fakes;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.port.out.HealthProbe;

import java.util.HashSet;
import java.util.Set;

/** Healthy when the running release is not marked sick, directly or through the fake proxy. */
public final class FakeHealth implements HealthProbe {

    private final FakeRuntime runtime;
    private final FakeRouter router;
    private final Set<String> sick = new HashSet<>();
    private final Set<String> sickBehindProxy = new HashSet<>();

    public FakeHealth(FakeRuntime runtime, FakeRouter router) {
        this.runtime = runtime;
        this.router = router;
    }

    public void sick(Revision revision) {
        sick.add(revision.sha());
    }

    public void recovered(Revision revision) {
        sick.remove(revision.sha());
        sickBehindProxy.remove(revision.sha());
    }

    /** Answers on its own port but fails once real traffic reaches it (a config that only the proxy path exercises). */
    public void sickBehindProxy(Revision revision) {
        sickBehindProxy.add(revision.sha());
    }

    @Override
    public Outcome checkInstance(Slot slot, Revision expected) {
        return runtime.runningIn(slot)
                .map(release -> sick.contains(release.revision().sha())
                        ? Outcome.failed("GET /health answered 500")
                        : answersFor(release.revision(), expected))
                .orElse(Outcome.failed("connection refused on port " + slot.port()));
    }

    @Override
    public Outcome checkThroughProxy(Revision expected) {
        if (router.serving().isEmpty() && router.outOfReach()) {
            return Outcome.failed("GET /health through the proxy: connection refused");
        }
        return router.serving()
                .flatMap(runtime::runningIn)
                .map(release -> sick.contains(release.revision().sha()) || sickBehindProxy.contains(release.revision().sha())
                        ? Outcome.failed("GET /health through the proxy answered 502")
                        : answersFor(release.revision(), expected))
                .orElse(Outcome.failed("the proxy answered 502: no instance behind it"));
    }

    /** Like a service whose health answer names its REVISION, checked by a probe that requires it. */
    private static Outcome answersFor(Revision running, Revision expected) {
        return running.equals(expected) ? Outcome.done()
                : Outcome.failed("GET /health answered for commit " + running.shortSha() + ", not " + expected.shortSha());
    }
}
