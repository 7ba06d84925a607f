package io.standby.domain.service;

import io.standby.domain.model.BeforeSwitch;
import io.standby.domain.model.Deployment;
import io.standby.domain.model.Detected;
import io.standby.domain.model.Drained;
import io.standby.domain.model.Failed;
import io.standby.domain.model.Fetched;
import io.standby.domain.model.Healthy;
import io.standby.domain.model.Installed;
import io.standby.domain.model.Live;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.RolledBack;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Started;
import io.standby.domain.model.Switched;
import io.standby.domain.model.Verified;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.DependencyInstaller;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.ReleaseWorkspace;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.SourceUnavailableException;
import io.standby.domain.port.out.Timeline;
import io.standby.domain.port.out.TrafficRouter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one deployment from the state it is in to its end: live, failed or rolled back.
 *
 * <p>The one promise it keeps above all: the live release is never stopped while traffic may still
 * reach it. Before the switch a failure only stops the new instance; after it, a failure switches
 * back first. The old release is retired only once the proxy has drained it.
 */
public final class ReleasePipeline {

    private final ReleaseSource source;
    private final DependencyInstaller installer;
    private final ServiceRuntime runtime;
    private final HealthProbe health;
    private final TrafficRouter router;
    private final ReleaseStore store;
    private final ReleaseWorkspace workspace;
    private final Clock clock;
    private final Timeline timeline;
    private final ReleasePolicy policy;
    private final Retention retention;

    public ReleasePipeline(ReleaseSource source, DependencyInstaller installer, ServiceRuntime runtime,
                           HealthProbe health, TrafficRouter router, ReleaseStore store, ReleaseWorkspace workspace,
                           Clock clock, Timeline timeline, ReleasePolicy policy) {
        this.source = source;
        this.installer = installer;
        this.runtime = runtime;
        this.health = health;
        this.router = router;
        this.store = store;
        this.workspace = workspace;
        this.clock = clock;
        this.timeline = timeline;
        this.policy = policy;
        this.retention = new Retention(store, workspace, timeline, policy);
    }

    /** Runs the deployment to its end, journaling each stage before its work begins, and records the result. */
    public Deployment run(Deployment start) {
        Plan plan = start.plan();
        List<StageTiming> timings = new ArrayList<>();
        Deployment state = start;
        while (!state.isOver()) {
            store.saveInFlight(state.snapshot());
            Stage stage = state.stage();
            timeline.stageStarted(plan, stage);
            Instant began = clock.now();
            Deployment next = step(state);
            Duration took = Duration.between(began, clock.now());
            timings.add(new StageTiming(stage, took));
            report(plan, stage, took, next);
            state = next;
        }
        new Chronicle(store, clock).record(state, timings);
        store.clearInFlight();
        if (state instanceof Live) {
            retention.prune();
        }
        return state;
    }

    private void report(Plan plan, Stage stage, Duration took, Deployment next) {
        if (next instanceof Failed failed) {
            timeline.stageFailed(plan, stage, took, failed.reason());
        } else if (next instanceof RolledBack rolledBack) {
            timeline.stageFailed(plan, stage, took, rolledBack.reason());
        } else {
            timeline.stageSucceeded(plan, stage, took);
        }
    }

    private Deployment step(Deployment state) {
        if (state instanceof Detected detected) {
            return fetch(detected);
        }
        if (state instanceof Fetched fetched) {
            return install(fetched);
        }
        if (state instanceof Installed installed) {
            return start(installed);
        }
        if (state instanceof Started started) {
            return checkHealth(started);
        }
        if (state instanceof Healthy healthy) {
            return switchTraffic(healthy);
        }
        if (state instanceof Switched switched) {
            return verify(switched);
        }
        if (state instanceof Verified verified) {
            return drain(verified);
        }
        if (state instanceof Drained drained) {
            return retire(drained);
        }
        throw new IllegalStateException("no step leads on from " + state);
    }

    private Deployment fetch(Detected detected) {
        ReleaseId id = freshId(detected.plan());
        try {
            source.export(detected.plan().revision(), workspace.directoryOf(id));
        } catch (SourceUnavailableException e) {
            return detected.fail(e.getMessage());
        }
        return detected.fetched(new Release(id, detected.plan().revision(), workspace.directoryOf(id)));
    }

    private ReleaseId freshId(Plan plan) {
        // Two releases of one commit in the same second (a quick forced redeploy) must not share a directory.
        Instant at = clock.now();
        ReleaseId id = ReleaseId.of(at, plan.revision());
        while (workspace.exists(id)) {
            at = at.plusSeconds(1);
            id = ReleaseId.of(at, plan.revision());
        }
        return id;
    }

    private Deployment install(Fetched fetched) {
        Outcome outcome = installer.install(fetched.release());
        if (outcome instanceof Outcome.Failed failure) {
            return fetched.fail(failure.reason());
        }
        return fetched.installed();
    }

    private Deployment start(Installed installed) {
        Slot slot = installed.plan().slot();
        if (runtime.isListening(slot)) {
            String holder = runtime.locate(slot).map(dir -> " (running from " + dir + ")").orElse("");
            return installed.fail("port " + slot.port() + " of the idle slot " + slot.name() + " is already in use"
                    + holder + ": stop that process, or give the " + slot.name() + " slot a free port");
        }
        Outcome outcome = runtime.start(installed.release(), slot);
        if (outcome instanceof Outcome.Failed failure) {
            return abandon(installed, failure.reason());
        }
        return installed.started();
    }

    private Deployment checkHealth(Started started) {
        Outcome outcome = health.checkInstance(started.plan().slot());
        if (outcome instanceof Outcome.Failed failure) {
            return abandon(started, failure.reason());
        }
        return started.healthy();
    }

    private Deployment switchTraffic(Healthy healthy) {
        Outcome outcome = router.switchTo(healthy.plan().slot());
        if (outcome instanceof Outcome.Failed failure) {
            // The router leaves routing as it was when a switch fails, so only the new instance needs stopping.
            return abandon(healthy, failure.reason());
        }
        return healthy.switched();
    }

    /** Stops the new instance before any request reached it; the live release is left alone. */
    private Failed abandon(BeforeSwitch state, String reason) {
        Release release = state.fetched().orElseThrow();
        Outcome stopped = runtime.stop(release, state.plan().slot());
        if (stopped instanceof Outcome.Failed failure) {
            timeline.note("could not stop the failed release " + release + ": " + failure.reason());
        }
        return state.fail(reason);
    }

    private Deployment verify(Switched switched) {
        Plan plan = switched.plan();
        Instant until = clock.now().plus(policy.watchWindow());
        while (true) {
            if (router.current().filter(plan.slot()::equals).isEmpty()) {
                return switchBack(switched, "the proxy does not route to " + plan.slot() + " after the switch");
            }
            Outcome outcome = health.checkThroughProxy();
            if (outcome instanceof Outcome.Failed failure) {
                return switchBack(switched, "the new release failed behind the proxy: " + failure.reason());
            }
            if (!clock.now().isBefore(until)) {
                return switched.verified();
            }
            if (!pause(policy.watchPoll())) {
                // Asked to stop: the new release has answered through the proxy, so keep it rather than flap back.
                return switched.verified();
            }
        }
    }

    /** Sends traffic back to the previous release, lets the new one drain, then stops it. */
    private Deployment switchBack(Switched switched, String reason) {
        Plan plan = switched.plan();
        if (plan.previous().isEmpty()) {
            return switched.switchedBack(reason + "; there is no previous release to switch back to, so the new one keeps running");
        }
        LiveRelease previous = plan.previous().get();
        Outcome back = router.switchTo(previous.slot());
        if (back instanceof Outcome.Failed failure) {
            return switched.switchedBack(reason + "; switching back to " + previous.release() + " also failed ("
                    + failure.reason() + "), so the new release keeps running: fix the proxy, then roll back");
        }
        awaitDrained(plan.slot());
        runtime.stop(switched.release(), plan.slot());
        return switched.switchedBack(reason + "; switched back to " + previous.release());
    }

    private Deployment drain(Verified verified) {
        verified.plan().previous().ifPresent(previous -> awaitDrained(previous.slot()));
        return verified.drained();
    }

    /** Waits at least the drain minimum, then until the proxy reports the slot drained or the drain timeout passes. */
    private void awaitDrained(Slot slot) {
        Instant began = clock.now();
        Instant earliest = began.plus(policy.drainMinimum());
        Instant latest = began.plus(policy.drainTimeout());
        while (clock.now().isBefore(latest)) {
            if (!clock.now().isBefore(earliest) && router.isDrained(slot)) {
                return;
            }
            if (!pause(policy.drainPoll())) {
                return;
            }
        }
        timeline.note("slot " + slot + " still had connections after the drain timeout of "
                + policy.drainTimeout().toSeconds() + "s; stopping it anyway");
    }

    private Deployment retire(Drained drained) {
        drained.plan().previous().ifPresent(previous -> {
            Outcome stopped = runtime.stop(previous.release(), previous.slot());
            if (stopped instanceof Outcome.Failed failure) {
                timeline.note("the old release " + previous.release() + " did not stop: " + failure.reason());
            }
        });
        store.saveLive(new LiveRelease(drained.release(), drained.plan().slot(), clock.now()));
        return drained.retired();
    }

    /** Pauses; false if the agent was asked to stop meanwhile (the interrupt stays set for the caller). */
    private boolean pause(Duration duration) {
        try {
            clock.pause(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
