package io.standby.domain.service;

import io.standby.domain.model.History;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Healthy;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.Reconcile;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.Timeline;
import io.standby.domain.port.out.TrafficRouter;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Makes the journal agree with the world when the agent starts, and again before each poll plans a release: the
 * journal says what Standby meant to do, the proxy and the running processes say what actually happened. Nothing is
 * stopped that the proxy may still route to; while the proxy cannot be asked, things stay as they are.
 */
public final class Recovery implements Reconcile {

    private final ReleaseSource source;
    private final ServiceRuntime runtime;
    private final HealthProbe health;
    private final TrafficRouter router;
    private final ReleaseStore store;
    private final ReleasePipeline pipeline;
    private final Slots slots;
    private final Clock clock;
    private final Timeline timeline;
    private final Chronicle chronicle;
    private final Optional<Path> adoptDirectory;
    private final Retirement retirement;

    public Recovery(ReleaseSource source, ServiceRuntime runtime, HealthProbe health, TrafficRouter router,
                    ReleaseStore store, ReleasePipeline pipeline, Slots slots, Clock clock, Timeline timeline,
                    ReleasePolicy policy, Optional<Path> adoptDirectory) {
        this.source = source;
        this.runtime = runtime;
        this.health = health;
        this.router = router;
        this.store = store;
        this.pipeline = pipeline;
        this.slots = slots;
        this.clock = clock;
        this.timeline = timeline;
        this.adoptDirectory = adoptDirectory;
        this.retirement = new Retirement(runtime, router, clock, timeline, policy);
        this.chronicle = new Chronicle(store, clock, timeline);
    }

    @Override
    public void reconcile() {
        Optional<String> unsettled = store.inFlight().flatMap(this::resume);
        unsettled.ifPresent(why -> timeline.note(why + "; the agent asks again before each release"));
        if (store.live().isEmpty()) {
            adopt();
        }
        settleSlots(Trigger.START_UP).ifPresent(why -> timeline.note(why + "; the agent asks again before each release"));
        warnIfRoutedNowhere();
    }

    /**
     * A proxy that routes to neither slot serves nothing (one set up afresh from a template, say). The operator is
     * told at once rather than at the next release; Standby does not switch it itself, as a server taken out of
     * rotation on purpose (HAProxy's maintenance) reads the same.
     */
    private void warnIfRoutedNowhere() {
        Optional<LiveRelease> live = store.live();
        Optional<Slot> routed;
        try {
            routed = router.current();
        } catch (ProxyUnavailableException e) {
            return; // said by whoever asked before, and asked again before each release
        }
        if (live.isPresent() && routed.isEmpty()) {
            timeline.note("the proxy routes to neither slot while the live release " + live.get().release() + " is on "
                    + live.get().slot() + ": nothing serves through it. Fix: point the proxy at " + live.get().slot()
                    + " (`standby haproxy-config` writes HAProxy's for the live slot), or deploy a commit");
        }
    }

    /**
     * What a poll does before it may plan a release: finish or undo a deployment still in flight (one that ended in an
     * error rather than an outcome), and retire what an unfinished one left running, so that no release is planned
     * onto a slot that still runs. Empty when a release may be planned; otherwise why not, for the operator.
     */
    public Optional<String> settle() {
        Optional<String> unsettled = store.inFlight().flatMap(this::resume);
        if (unsettled.isPresent()) {
            return unsettled;
        }
        return settleSlots(Trigger.POLL);
    }

    /**
     * Finishes an interrupted deployment if traffic already reaches a healthy new release; otherwise undoes it.
     * Leaves it in flight, and says why, while the proxy cannot be asked.
     */
    private Optional<String> resume(InFlight inFlight) {
        Plan plan = inFlight.plan();
        Slot fresh = plan.slot();
        Optional<Slot> routed;
        try {
            routed = router.current();
        } catch (ProxyUnavailableException e) {
            return Optional.of("the deployment of " + plan.revision().shortSha() + " to " + fresh + " interrupted at "
                    + inFlight.stage().label() + " stays in flight until the proxy can say where it routes (" + e.getMessage() + ")");
        }
        timeline.note("found a deployment of " + plan.revision().shortSha() + " to " + fresh + " interrupted at "
                + inFlight.stage().label() + "; checking the proxy and the running instances");
        boolean routedToNew = routed.filter(fresh::equals).isPresent();
        if (routedToNew && inFlight.release().isPresent() && runtime.isListening(fresh)
                && health.checkInstance(fresh, inFlight.release().get().revision()).isDone()) {
            timeline.note("traffic already reaches the new release and it is healthy: finishing the deployment");
            recordRecovered(inFlight, "finished on restart, since traffic already reached the new release and it was healthy");
            // From Healthy, so the switch is applied once more: the proxy's file may say "new" while the proxy never reloaded.
            pipeline.run(new Healthy(plan, inFlight.release().get()));
            return Optional.empty();
        }
        boolean routedBack = true;
        if (plan.previous().isPresent()) {
            try {
                routedBack = routeBackTo(plan.previous().get(), routed);
            } catch (ProxyUnavailableException e) {
                return Optional.of("the deployment of " + plan.revision().shortSha() + " interrupted at "
                        + inFlight.stage().label() + " stays in flight: the proxy went away while routing back ("
                        + e.getMessage() + ")");
            }
        }
        if (!routedBack && routedToNew && inFlight.release().isPresent()) {
            // Stopping the instance the proxy serves would cut every request: it stays, and the journal says so.
            Release release = inFlight.release().get();
            store.saveLive(new LiveRelease(release, fresh, clock.now()));
            recordRecovered(inFlight, "the proxy routes to the new release and would not switch back, so it keeps serving"
                    + " and is recorded as live");
            store.clearInFlight();
            return Optional.empty();
        }
        inFlight.release().ifPresent(release -> stopQuietly(release, fresh));
        recordRecovered(inFlight, "undone on restart, "
                + plan.previous().map(p -> p.release() + " kept serving").orElse("nothing was live"));
        store.clearInFlight();
        timeline.note("undid the interrupted deployment of " + plan.revision().shortSha()
                + plan.previous().map(p -> "; " + p.release() + " serves on " + p.slot()).orElse(""));
        return Optional.empty();
    }

    /** The history says what the restart found, whichever way the deployment then ends. */
    private void recordRecovered(InFlight inFlight, String outcome) {
        Plan plan = inFlight.plan();
        chronicle.append(new HistoryEntry(plan.revision(), inFlight.release(), plan.slot(), plan.trigger(), Result.RECOVERED,
                inFlight.stage(), "interrupted at " + inFlight.stage().label() + " when the agent stopped or the release broke off; " + outcome,
                plan.startedAt(), clock.now(), List.of()));
    }

    /** Whether the proxy routes to the previous release now, switching it there if it did not. */
    private boolean routeBackTo(LiveRelease previous, Optional<Slot> routed) {
        if (routed.filter(previous.slot()::equals).isPresent()) {
            return true;
        }
        Outcome back = router.switchTo(previous.slot());
        if (back instanceof Outcome.Failed failure) {
            timeline.note("could not route traffic back to " + previous.release() + ": " + failure.reason());
            return false;
        }
        return true;
    }

    /** The tutorial's situation: an instance started by hand already serves where the proxy points. */
    private void adopt() {
        Optional<Slot> routed;
        try {
            routed = router.current();
        } catch (ProxyUnavailableException e) {
            timeline.note("cannot adopt a running instance: the proxy cannot say where it routes (" + e.getMessage() + ")");
            return;
        }
        if (routed.isEmpty()) {
            timeline.note("the proxy points at neither slot (" + slots.blue() + ", " + slots.green()
                    + "); the first release will go to " + slots.blue().name());
            return;
        }
        Slot slot = routed.get();
        if (!runtime.isListening(slot)) {
            timeline.note("the proxy points at " + slot + " but nothing listens there; the first release will go to "
                    + slots.other(slot));
            return;
        }
        Optional<Path> directory = adoptDirectory.or(() -> runtime.locate(slot));
        if (directory.isEmpty()) {
            timeline.note("an instance serves " + slot + " but its directory cannot be found, so Standby could not stop it"
                    + " after the next release: set adopt-directory in the configuration");
            return;
        }
        Revision revision = source.revisionAt(directory.get()).orElse(Revision.unknown());
        Instant now = clock.now();
        Release release = new Release(ReleaseId.of(now, revision), revision, directory.get());
        store.saveLive(new LiveRelease(release, slot, now));
        chronicle.append(new HistoryEntry(revision, Optional.of(release), slot, Trigger.START_UP, Result.ADOPTED, Stage.LIVE,
                "adopted the instance already serving on port " + slot.port() + " from " + directory.get(), now, now, List.of()));
        timeline.note("adopted " + (revision.isKnown() ? revision.shortSha() : "an instance of unknown revision")
                + " serving on " + slot + " from " + directory.get() + " as the live release");
    }

    /**
     * Stops instances Standby started that the proxy does not route to: left by a crash between start and retire, or
     * by a release that ended while the proxy could not be asked. If the proxy routes to one of them, the live record
     * is what is behind: it is corrected, and the release it named is retired instead. Empty once settled.
     */
    private Optional<String> settleSlots(Trigger trigger) {
        for (Slot slot : slots.all()) {
            Optional<LiveRelease> live = store.live();
            if (live.map(l -> l.slot().equals(slot)).orElse(false) || !runtime.isListening(slot)) {
                continue;
            }
            Optional<Path> directory = runtime.locate(slot);
            Optional<Release> ours = directory.flatMap(this::knownRelease);
            if (ours.isEmpty()) {
                if (trigger == Trigger.START_UP) {
                    timeline.note("port " + slot.port() + " (idle slot " + slot.name() + ") is held by a process Standby did not start"
                            + directory.map(d -> " (in " + d + ")").orElse("") + "; the next release will fail until it is stopped");
                }
                continue;
            }
            Optional<String> unsettled = settle(ours.get(), slot, live, trigger);
            if (unsettled.isPresent()) {
                return unsettled;
            }
        }
        return Optional.empty();
    }

    private Optional<String> settle(Release ours, Slot slot, Optional<LiveRelease> live, Trigger trigger) {
        Optional<Slot> routed;
        try {
            routed = router.current();
        } catch (ProxyUnavailableException e) {
            return Optional.of(ours + " still runs on " + slot + " and the proxy cannot say whether it routes there ("
                    + e.getMessage() + ")");
        }
        if (routed.isEmpty()) {
            return Optional.of(ours + " still runs on " + slot + " and the proxy routes to neither slot");
        }
        if (!routed.get().equals(slot)) {
            return retireLeftover(ours, slot, routed.get());
        }
        Instant now = clock.now();
        store.saveLive(new LiveRelease(ours, slot, now));
        String was = live.map(l -> "the journal named " + l.release() + " on " + l.slot()).orElse("the journal named nothing");
        chronicle.append(new HistoryEntry(ours.revision(), Optional.of(ours), slot, trigger, Result.RECOVERED, Stage.LIVE,
                "the proxy routes to " + slot + ", where " + ours + " runs, while " + was + " (a release that ended while"
                        + " the proxy could not be asked): recorded " + ours + " as live", now, now, List.of()));
        timeline.note("the proxy routes to " + ours + " on " + slot + " while " + was + "; recorded it as live");
        return live.filter(l -> runtime.isListening(l.slot()))
                .flatMap(l -> retireLeftover(l.release(), l.slot(), slot));
    }

    private Optional<String> retireLeftover(Release release, Slot slot, Slot kept) {
        Optional<String> running = retirement.retireIfDrained(release, slot, kept);
        if (running.isPresent()) {
            return Optional.of(release + " still runs on " + slot + ": " + running.get());
        }
        timeline.note("stopped an orphaned instance of " + release + " on " + slot);
        return Optional.empty();
    }

    private Optional<Release> knownRelease(Path directory) {
        return new History(store.history()).releaseIn(directory);
    }

    private void stopQuietly(Release release, Slot slot) {
        Outcome stopped = runtime.stop(release, slot);
        if (stopped instanceof Outcome.Failed failure) {
            timeline.note("could not stop " + release + " on " + slot + ": " + failure.reason());
        }
    }
}
