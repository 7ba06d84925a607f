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
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.model.Stage;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.Reconcile;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.HealthProbe;
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
 * Makes the journal agree with the world when the agent starts: the journal says what Standby meant to do,
 * the proxy and the running processes say what actually happened.
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
    private final Optional<Path> adoptDirectory;

    public Recovery(ReleaseSource source, ServiceRuntime runtime, HealthProbe health, TrafficRouter router,
                    ReleaseStore store, ReleasePipeline pipeline, Slots slots, Clock clock, Timeline timeline,
                    Optional<Path> adoptDirectory) {
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
    }

    @Override
    public void reconcile() {
        store.inFlight().ifPresent(this::resume);
        if (store.live().isEmpty()) {
            adopt();
        }
        stopOrphans();
    }

    /** Finishes an interrupted deployment if traffic already reaches a healthy new release; otherwise undoes it. */
    private void resume(InFlight inFlight) {
        Plan plan = inFlight.plan();
        Slot fresh = plan.slot();
        timeline.note("found a deployment of " + plan.revision().shortSha() + " to " + fresh + " interrupted at "
                + inFlight.stage().label() + "; checking the proxy and the running instances");
        boolean routedToNew = router.current().filter(fresh::equals).isPresent();
        if (routedToNew && inFlight.release().isPresent() && runtime.isListening(fresh)
                && health.checkInstance(fresh).isDone()) {
            timeline.note("traffic already reaches the new release and it is healthy: finishing the deployment");
            recordRecovered(inFlight, "finished on restart, since traffic already reached the new release and it was healthy");
            // From Healthy, so the switch is applied once more: the proxy's file may say "new" while the proxy never reloaded.
            pipeline.run(new Healthy(plan, inFlight.release().get()));
            return;
        }
        plan.previous().ifPresent(this::routeBackTo);
        inFlight.release().ifPresent(release -> stopQuietly(release, fresh));
        recordRecovered(inFlight, "undone on restart, "
                + plan.previous().map(p -> p.release() + " kept serving").orElse("nothing was live"));
        store.clearInFlight();
        timeline.note("undid the interrupted deployment of " + plan.revision().shortSha()
                + plan.previous().map(p -> "; " + p.release() + " serves on " + p.slot()).orElse(""));
    }

    /** The history says what the restart found, whichever way the deployment then ends. */
    private void recordRecovered(InFlight inFlight, String outcome) {
        Plan plan = inFlight.plan();
        store.append(new HistoryEntry(plan.revision(), inFlight.release(), plan.slot(), plan.trigger(), Result.RECOVERED,
                inFlight.stage(), "interrupted at " + inFlight.stage().label() + " when the agent stopped; " + outcome,
                plan.startedAt(), clock.now(), List.of()));
    }

    private void routeBackTo(LiveRelease previous) {
        if (router.current().filter(previous.slot()::equals).isPresent()) {
            return;
        }
        Outcome back = router.switchTo(previous.slot());
        if (back instanceof Outcome.Failed failure) {
            timeline.note("could not route traffic back to " + previous.release() + ": " + failure.reason());
        }
    }

    /** The tutorial's situation: an instance started by hand already serves where the proxy points. */
    private void adopt() {
        Optional<Slot> routed = router.current();
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
        store.append(new HistoryEntry(revision, Optional.of(release), slot, Trigger.START_UP, Result.ADOPTED, Stage.LIVE,
                "adopted the instance already serving on port " + slot.port() + " from " + directory.get(), now, now, List.of()));
        timeline.note("adopted " + (revision.isKnown() ? revision.shortSha() : "an instance of unknown revision")
                + " serving on " + slot + " from " + directory.get() + " as the live release");
    }

    /** Stops instances Standby started that serve nothing: left behind by a crash between start and retire. */
    private void stopOrphans() {
        Optional<LiveRelease> live = store.live();
        for (Slot slot : slots.all()) {
            if (live.map(l -> l.slot().equals(slot)).orElse(false) || !runtime.isListening(slot)) {
                continue;
            }
            Optional<Path> directory = runtime.locate(slot);
            Optional<Release> ours = directory.flatMap(this::knownRelease);
            if (ours.isPresent()) {
                stopQuietly(ours.get(), slot);
                timeline.note("stopped an orphaned instance of " + ours.get() + " on " + slot);
            } else {
                timeline.note("port " + slot.port() + " (idle slot " + slot.name() + ") is held by a process Standby did not start"
                        + directory.map(d -> " (in " + d + ")").orElse("") + "; the next release will fail until it is stopped");
            }
        }
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
