package io.standby.domain.service;

import io.standby.domain.model.BeforeSwitch;
import io.standby.domain.model.Deployment;
import io.standby.domain.model.Detected;
import io.standby.domain.model.Drained;
import io.standby.domain.model.Failed;
import io.standby.domain.model.Fetched;
import io.standby.domain.model.Healthy;
import io.standby.domain.model.Hook;
import io.standby.domain.model.Installed;
import io.standby.domain.model.Live;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.PreviousRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.Role;
import io.standby.domain.model.RolledBack;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Started;
import io.standby.domain.model.Switched;
import io.standby.domain.model.Trigger;
import io.standby.domain.model.Verified;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.DependencyInstaller;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.ReleaseHooks;
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
import java.util.Optional;

/**
 * Drives one deployment from the state it is in to its end: live, failed or rolled back.
 *
 * <p>The one promise it keeps above all: the live release is never stopped while traffic may still
 * reach it. Before the switch a failure only stops the new instance; after it, a failure switches
 * back first. The old release is retired only once the proxy has drained it.
 *
 * <p>A proxy that cannot be reached after the switch is an outcome like any other, not an exception that escapes:
 * in the watch window it switches back (asking again until the drain timeout while the proxy is away); while
 * draining, the new release is live either way and the old one is stopped only once the proxy confirms it routes
 * elsewhere, or else left running for a later poll. Whatever happens, the run ends with a history entry that says so,
 * no record in flight, and a live record that names where the proxy routes as far as it could be asked.
 */
public final class ReleasePipeline {

    private final ReleaseSource source;
    private final DependencyInstaller installer;
    private final ServiceRuntime runtime;
    private final HealthProbe health;
    private final TrafficRouter router;
    private final ReleaseStore store;
    private final ReleaseWorkspace workspace;
    private final ReleaseHooks hooks;
    private final Clock clock;
    private final Timeline timeline;
    private final ReleasePolicy policy;
    private final Retention retention;
    private final Retirement retirement;
    private final PreviousRelease afterSwitch;

    public ReleasePipeline(ReleaseSource source, DependencyInstaller installer, ServiceRuntime runtime,
                           HealthProbe health, TrafficRouter router, ReleaseStore store, ReleaseWorkspace workspace,
                           ReleaseHooks hooks, Clock clock, Timeline timeline, ReleasePolicy policy) {
        this(source, installer, runtime, health, router, store, workspace, hooks, clock, timeline, policy,
                PreviousRelease.RETIRED);
    }

    /** @param afterSwitch whether the previous release is stopped once drained, or kept warm for a fleet's way back */
    public ReleasePipeline(ReleaseSource source, DependencyInstaller installer, ServiceRuntime runtime,
                           HealthProbe health, TrafficRouter router, ReleaseStore store, ReleaseWorkspace workspace,
                           ReleaseHooks hooks, Clock clock, Timeline timeline, ReleasePolicy policy,
                           PreviousRelease afterSwitch) {
        this.source = source;
        this.installer = installer;
        this.runtime = runtime;
        this.health = health;
        this.router = router;
        this.store = store;
        this.workspace = workspace;
        this.hooks = hooks;
        this.clock = clock;
        this.timeline = timeline;
        this.policy = policy;
        this.retention = new Retention(store, workspace, timeline, policy);
        this.retirement = new Retirement(runtime, router, clock, timeline, policy);
        this.afterSwitch = afterSwitch;
    }

    /** Runs the deployment to its end, journaling each stage before its work begins, and records the result. */
    public Deployment run(Deployment start) {
        Plan plan = start.plan();
        List<StageTiming> timings = new ArrayList<>();
        // What went wrong on the way without ending the run (the proxy away for a while): kept in the history entry.
        List<String> remarks = new ArrayList<>();
        Deployment state = start;
        while (!state.isOver()) {
            store.saveInFlight(state.snapshot());
            Stage stage = state.stage();
            timeline.stageStarted(plan, stage);
            Instant began = clock.now();
            Deployment next = step(state, remarks);
            Duration took = Duration.between(began, clock.now());
            timings.add(new StageTiming(stage, took));
            report(plan, stage, took, next);
            state = next;
        }
        if (state instanceof Failed || state instanceof RolledBack) {
            Deployment failed = state;
            state.fetched().ifPresent(release -> runAfter(Hook.AFTER_FAILURE, failed.plan(), release, remarks));
        }
        new Chronicle(store, clock, timeline).record(state, timings, remarks);
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

    private Deployment step(Deployment state, List<String> remarks) {
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
            return switchTraffic(healthy, remarks);
        }
        if (state instanceof Switched switched) {
            return verify(switched, remarks);
        }
        if (state instanceof Verified verified) {
            return drain(verified, remarks);
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
        Release release = new Release(id, detected.plan().revision(), workspace.directoryOf(id));
        Outcome prepared = workspace.prepare(release);
        if (prepared instanceof Outcome.Failed failure) {
            // Its files are on disk: the failure names the release, and the after-failure hook runs in it.
            return new Failed(detected.plan(), Optional.of(release), Stage.FETCHING, failure.reason());
        }
        return detected.fetched(release);
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
        Outcome hook = hooks.run(Hook.AFTER_INSTALL, fetched.plan(), fetched.release());
        if (hook instanceof Outcome.Failed failure) {
            return fetched.fail("the " + Hook.AFTER_INSTALL.key() + " hook failed: " + failure.reason());
        }
        return fetched.installed();
    }

    private Deployment start(Installed installed) {
        Slot slot = installed.plan().slot();
        if (isWarm(installed)) {
            // Kept warm since its own switch away: going back to it is a switch, not a start.
            Outcome marked = workspace.mark(installed.release(), Role.CANDIDATE);
            if (marked instanceof Outcome.Failed failure) {
                return installed.fail(failure.reason());
            }
            timeline.note(installed.release() + " still runs warm on " + slot + ": not starting it again");
            return installed.started();
        }
        if (runtime.isListening(slot)) {
            String holder = runtime.locate(slot).map(dir -> " (running from " + dir + ")").orElse("");
            return installed.fail("port " + slot.port() + " of the idle slot " + slot.name() + " is already in use"
                    + holder + ": stop that process, or give the " + slot.name() + " slot a free port");
        }
        // Its own processes read the role from the first moment, so that once-only work waits for the switch.
        Outcome marked = workspace.mark(installed.release(), Role.CANDIDATE);
        if (marked instanceof Outcome.Failed failure) {
            return installed.fail(failure.reason());
        }
        Outcome outcome = runtime.start(installed.release(), slot);
        if (outcome instanceof Outcome.Failed failure) {
            return abandon(installed, failure.reason());
        }
        return installed.started();
    }

    /** A roll-back to the very release that still runs in the target slot. */
    private boolean isWarm(Installed installed) {
        Slot slot = installed.plan().slot();
        return installed.plan().trigger() == Trigger.ROLLBACK && runtime.isListening(slot)
                && runtime.locate(slot).filter(installed.release().directory()::equals).isPresent();
    }

    private Deployment checkHealth(Started started) {
        Outcome outcome = health.checkInstance(started.plan().slot(), started.release().revision());
        if (outcome instanceof Outcome.Failed failure) {
            return abandon(started, failure.reason());
        }
        return started.healthy();
    }

    private Deployment switchTraffic(Healthy healthy, List<String> remarks) {
        Outcome ready = hooks.run(Hook.BEFORE_SWITCH, healthy.plan(), healthy.release());
        if (ready instanceof Outcome.Failed failure) {
            return abandon(healthy, "the " + Hook.BEFORE_SWITCH.key() + " hook failed: " + failure.reason());
        }
        Outcome outcome;
        try {
            outcome = router.switchTo(healthy.plan().slot());
        } catch (ProxyUnavailableException e) {
            // The router undoes what it had done before the proxy went away, so this is a refusal like any other.
            return abandon(healthy, "the proxy could not be reached to switch: " + e.getMessage());
        }
        if (outcome instanceof Outcome.Failed failure) {
            // The router leaves routing as it was when a switch fails, so only the new instance needs stopping.
            return abandon(healthy, failure.reason());
        }
        Plan plan = healthy.plan();
        markRole(healthy.release(), Role.LIVE, remarks);
        plan.previous().ifPresent(previous -> markRole(previous.release(), Role.DRAINING, remarks));
        runAfter(Hook.AFTER_SWITCH, plan, healthy.release(), remarks);
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

    private Deployment verify(Switched switched, List<String> remarks) {
        Plan plan = switched.plan();
        Instant until = clock.now().plus(policy.watchWindow());
        while (true) {
            Optional<Slot> routed;
            try {
                routed = router.current();
            } catch (ProxyUnavailableException e) {
                return switchBack(switched, "the proxy could not be asked where it routes in the watch window: "
                        + e.getMessage(), remarks);
            }
            if (!routed.equals(Optional.of(plan.slot()))) {
                return switchBack(switched, "the proxy does not route to " + plan.slot() + " after the switch", remarks);
            }
            Outcome outcome = health.checkThroughProxy(switched.release().revision());
            if (outcome instanceof Outcome.Failed failure) {
                return switchBack(switched, "the new release failed behind the proxy: " + failure.reason(), remarks);
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
    private Deployment switchBack(Switched switched, String reason, List<String> remarks) {
        Plan plan = switched.plan();
        if (plan.previous().isEmpty()) {
            return switched.switchedBack(reason + "; there is no previous release to switch back to, so the new one keeps running");
        }
        LiveRelease previous = plan.previous().get();
        ProxyOutage outage = new ProxyOutage(clock, timeline, "switching back to " + previous.slot());
        Outcome back = switchPatiently(previous.slot(), outage);
        outage.remark().ifPresent(remarks::add);
        if (back instanceof Outcome.Failed failure) {
            return switchBackFailed(switched, reason + "; switching back to " + previous.release() + " failed ("
                    + failure.reason() + ")", remarks);
        }
        return retireNew(switched, reason + "; switched back to " + previous.release()
                + (outage.reason().isPresent() ? " once the proxy answered again" : ""), remarks);
    }

    /**
     * Switches to the slot, asking again every drain poll while the proxy cannot be reached, until the drain timeout:
     * a restarted proxy answers within seconds. A refusal is final at once.
     */
    private Outcome switchPatiently(Slot slot, ProxyOutage outage) {
        Instant latest = clock.now().plus(policy.drainTimeout());
        while (true) {
            Optional<Outcome> outcome = outage.ask(() -> router.switchTo(slot));
            if (outcome.isPresent()) {
                return outcome.get();
            }
            if (!clock.now().isBefore(latest) || !pause(policy.drainPoll())) {
                return Outcome.failed("the proxy could not be reached until the drain timeout: " + outage.reason().orElseThrow());
            }
        }
    }

    /** The switch back did not happen: what is left depends on where the proxy routes, if it can say. */
    private Deployment switchBackFailed(Switched switched, String reason, List<String> remarks) {
        Plan plan = switched.plan();
        LiveRelease previous = plan.previous().orElseThrow();
        Optional<Slot> routed;
        try {
            routed = router.current();
        } catch (ProxyUnavailableException e) {
            return switched.switchedBack(reason + ", and the proxy cannot say where it routes (" + e.getMessage()
                    + "): both releases keep running and " + previous.release() + " stays recorded as live until a"
                    + " later poll finds where the proxy routes");
        }
        if (routed.equals(Optional.of(previous.slot()))) {
            // Restarted from its configuration, say, or a switch that failed after it had taken effect.
            return retireNew(switched, reason + ", but the proxy routes to " + previous.slot() + " anyway", remarks);
        }
        if (routed.equals(Optional.of(plan.slot()))) {
            store.saveLive(new LiveRelease(switched.release(), plan.slot(), clock.now()));
            String live = reason + "; the proxy still routes to " + plan.slot() + ", so " + switched.release()
                    + " is recorded as live: fix the proxy, then roll back";
            Optional<String> kept = retirement.retire(previous.release(), previous.slot(), plan.slot());
            return switched.switchedBack(live + kept.map(why -> "; " + previous.release() + " keeps running because " + why)
                    .orElse("; " + previous.release() + " was stopped"));
        }
        return switched.switchedBack(reason + "; the proxy routes to neither slot, so both releases keep running until"
                + " a later poll finds where it routes");
    }

    /** After traffic went back: the new release is stopped once drained, if the proxy confirms it routes elsewhere. */
    private Deployment retireNew(Switched switched, String reason, List<String> remarks) {
        Plan plan = switched.plan();
        markRole(plan.previous().orElseThrow().release(), Role.LIVE, remarks);
        markRole(switched.release(), Role.DRAINING, remarks);
        Retirement.Drain drain = retirement.awaitDrained(plan.slot(), plan.previous().orElseThrow().slot());
        drain.remark().ifPresent(remarks::add);
        if (drain.mayStop()) {
            retirement.stop(switched.release(), plan.slot());
            return switched.switchedBack(reason);
        }
        return switched.switchedBack(reason + "; " + switched.release() + " keeps running on " + plan.slot() + " because "
                + drain.unsafe().orElseThrow() + ": a later poll stops it once the proxy answers");
    }

    /**
     * The new release is live whatever the proxy says now. The old one goes on to be retired once drained; if the proxy
     * cannot confirm that, it keeps running, and the next poll retires it once the proxy answers.
     */
    private Deployment drain(Verified verified, List<String> remarks) {
        Plan plan = verified.plan();
        if (plan.previous().isEmpty()) {
            return verified.drained();
        }
        LiveRelease previous = plan.previous().get();
        if (afterSwitch == PreviousRelease.KEPT_WARM) {
            store.saveLive(new LiveRelease(verified.release(), plan.slot(), clock.now()));
            String warm = previous.release() + " is kept warm on " + previous.slot() + " until the fleet's rollout is over";
            timeline.note(warm);
            remarks.add(warm);
            return verified.liveBesideOld();
        }
        Retirement.Drain drain = retirement.awaitDrained(previous.slot(), plan.slot());
        drain.remark().ifPresent(remarks::add);
        if (drain.mayStop()) {
            return verified.drained();
        }
        store.saveLive(new LiveRelease(verified.release(), plan.slot(), clock.now()));
        String warning = previous.release() + " keeps running on " + previous.slot() + " because "
                + drain.unsafe().orElseThrow() + ": a later poll stops it once the proxy answers";
        timeline.note(warning);
        remarks.add(warning);
        return verified.liveBesideOld();
    }

    private Deployment retire(Drained drained) {
        drained.plan().previous().ifPresent(previous -> retirement.stop(previous.release(), previous.slot()));
        store.saveLive(new LiveRelease(drained.release(), drained.plan().slot(), clock.now()));
        return drained.retired();
    }

    /** A hook after the switch cannot undo anything: its failure is told, and the release goes on. */
    private void runAfter(Hook hook, Plan plan, Release release, List<String> remarks) {
        Outcome outcome = hooks.run(hook, plan, release);
        if (outcome instanceof Outcome.Failed failure) {
            String warning = "the " + hook.key() + " hook failed: " + failure.reason();
            timeline.note(warning);
            remarks.add(warning);
        }
    }

    /** A role file that cannot be written is told: once-only work in that release may then run at the wrong time. */
    private void markRole(Release release, Role role, List<String> remarks) {
        Outcome outcome = workspace.mark(release, role);
        if (outcome instanceof Outcome.Failed failure) {
            String warning = release + " could not be marked " + role.word() + ": " + failure.reason();
            timeline.note(warning);
            remarks.add(warning);
        }
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
