package io.standby.domain.fleet;

import io.standby.domain.model.Deployment;
import io.standby.domain.model.Failed;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Live;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.RolledBack;
import io.standby.domain.port.in.DeployRelease;
import io.standby.domain.port.in.Reconcile;
import io.standby.domain.port.in.ReportReleases;
import io.standby.domain.port.in.RequestRefusedException;
import io.standby.domain.port.in.RollBack;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.Timeline;

import java.time.Duration;
import java.util.Optional;

/**
 * One host's agent in the fleet: does what the leader tells it, through the same safe path as a release on one server,
 * and reports what it serves. It takes a step only while in touch with the coordination; out of touch it starts nothing
 * and stops nothing, and a release already under way finishes (or switches back) by its own checks. Going back to a
 * commit it still keeps is a roll-back, which flips to the previous release while it is kept warm.
 */
public final class FleetMember {

    private final HostName host;
    private final FleetCoordination coordination;
    private final DeployRelease deployer;
    private final RollBack rollBack;
    private final ReportReleases releases;
    private final Reconcile reconcile;
    private final FleetSwitchGate gate;
    private final Clock clock;
    private final Timeline timeline;
    // The ended rollout after which this agent last retired what it kept warm, so it does so once.
    private Optional<RolloutId> settledAfter = Optional.empty();
    // The last report written: every write wakes every agent of the fleet, so an unchanged one is not written again.
    private Optional<HostReport> written = Optional.empty();

    public FleetMember(HostName host, FleetCoordination coordination, DeployRelease deployer, RollBack rollBack,
                       ReportReleases releases, Reconcile reconcile, FleetSwitchGate gate, Clock clock,
                       Timeline timeline) {
        this.host = host;
        this.coordination = coordination;
        this.deployer = deployer;
        this.rollBack = rollBack;
        this.releases = releases;
        this.reconcile = reconcile;
        this.gate = gate;
        this.clock = clock;
        this.timeline = timeline;
    }

    public HostName host() {
        return host;
    }

    /** Looks once at what the fleet wants of this host and acts on it; the report it wrote, if it was in touch. */
    public Optional<HostReport> step() {
        if (coordination.connection() != Connection.CONNECTED) {
            return Optional.empty();
        }
        try {
            return Optional.of(act());
        } catch (CoordinationUnavailableException e) {
            timeline.note("the fleet's coordination does not answer (" + e.getMessage() + "); " + host
                    + " takes no step and keeps serving what it serves");
            return Optional.empty();
        }
    }

    /** Registers, then steps whenever the fleet changes (or every interval) until interrupted. */
    public void runUntilInterrupted(Duration interval) {
        coordination.join();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                step();
            } catch (RuntimeException e) {
                // A broken environment must not end the agent: the leader's deadline decides what it means.
                timeline.note("fleet step failed on " + host + ": " + e.getMessage());
            }
            try {
                coordination.awaitChange(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private HostReport act() {
        Optional<Desired> desired = coordination.desired(host);
        if (desired.isEmpty()) {
            return report(Optional.empty(), HostState.SERVING, "");
        }
        Desired told = desired.get();
        if (serving().filter(told.commit()::equals).isPresent()) {
            retireWarmOnceOver();
            return report(desired, HostState.SERVING, "");
        }
        Optional<HostReport> last = coordination.observed(host);
        if (last.filter(report -> report.failed(told)).isPresent()) {
            // Tried and failed: the leader decides what comes next, so the same attempt is not repeated.
            return last.get();
        }
        report(desired, HostState.WORKING, "bringing " + told.commit() + " live for rollout " + told.rollout());
        return bringLive(told);
    }

    private HostReport bringLive(Desired told) {
        Deployment ended;
        try {
            ended = keptRelease(told.commit()).map(this::rollBackTo)
                    .orElseGet(() -> deployer.deploy(Optional.of(told.commit().sha())));
        } catch (ProxyUnavailableException e) {
            return report(Optional.of(told), HostState.WORKING, "waiting: " + e.getMessage());
        } catch (RequestRefusedException e) {
            return report(Optional.of(told), HostState.FAILED, e.getMessage());
        }
        Optional<String> held = gate.takeHold();
        if (ended instanceof Live) {
            return report(Optional.of(told), HostState.SERVING, "");
        }
        if (held.isPresent()) {
            return report(Optional.of(told), HostState.WORKING, "held: " + held.get());
        }
        return report(Optional.of(told), HostState.FAILED, reasonOf(ended));
    }

    private Deployment rollBackTo(ReleaseId kept) {
        try {
            return rollBack.rollBack(Optional.of(kept));
        } catch (RequestRefusedException e) {
            // Pruned from disk since: a fresh release of the same commit is the way back.
            Release release = releases.history().stream().flatMap(h -> h.release().stream())
                    .filter(r -> r.id().equals(kept)).findFirst().orElseThrow(() -> e);
            return deployer.deploy(Optional.of(release.revision().sha()));
        }
    }

    /** The newest release of the commit that went live here and is not live now: going back to it needs no install. */
    private Optional<ReleaseId> keptRelease(CommitId commit) {
        Optional<ReleaseId> live = releases.status().live().map(l -> l.release().id());
        return releases.history().stream()
                .filter(entry -> entry.result() == Result.LIVE && commit.is(entry.revision()))
                .map(HistoryEntry::release).flatMap(Optional::stream).map(Release::id)
                .filter(id -> live.filter(id::equals).isEmpty())
                .findFirst();
    }

    /** Once the rollout is over, the release kept warm for the way back is no longer needed: retire it. */
    private void retireWarmOnceOver() {
        Optional<Rollout> rollout = coordination.rollout().filter(r -> r.phase().isOver());
        if (rollout.isPresent() && !rollout.get().id().equals(settledAfter.orElse(null))) {
            settledAfter = Optional.of(rollout.get().id());
            reconcile.reconcile();
        }
    }

    private Optional<CommitId> serving() {
        return releases.status().live().map(LiveRelease::release).map(Release::revision).map(CommitId::of);
    }

    private HostReport report(Optional<Desired> told, HostState state, String detail) {
        Optional<LiveRelease> live = releases.status().live();
        HostReport report = new HostReport(host, told.map(Desired::rollout), told.map(Desired::commit),
                live.map(l -> CommitId.of(l.release().revision())), live.map(l -> l.slot().name()), state, detail,
                clock.now());
        if (written.filter(report::saysTheSameAs).isPresent()) {
            return written.get();
        }
        coordination.report(report);
        written = Optional.of(report);
        return report;
    }

    private static String reasonOf(Deployment ended) {
        if (ended instanceof Failed failed) {
            return failed.reason();
        }
        if (ended instanceof RolledBack rolledBack) {
            return rolledBack.reason();
        }
        return "ended at " + ended.stage().label();
    }
}
