package io.standby.domain.fleet;

import io.standby.domain.model.Outcome;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.Pushes;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.SourceUnavailableException;
import io.standby.domain.port.out.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agent that holds leadership: alone it reads the branch, and it steers the rollout by writing what the
 * {@link Conductor} decides, fenced by its leadership. Every other agent's leader does nothing.
 */
public final class FleetLeader {

    private final FleetCoordination coordination;
    private final FleetLeadership leadership;
    private final ReleaseSource source;
    private final Conductor conductor;
    private final Clock clock;
    private final Timeline timeline;
    private final Duration branchInterval;
    private final Pushes pushes;
    private Optional<CommitId> head = Optional.empty();
    private Instant nextRead = Instant.MIN;
    // Notes of the last step, so that a state that lasts is told once, not on every step.
    private Set<String> told = Set.of();

    public FleetLeader(FleetCoordination coordination, FleetLeadership leadership, ReleaseSource source,
                       Conductor conductor, Clock clock, Timeline timeline, Duration branchInterval, Pushes pushes) {
        this.coordination = coordination;
        this.leadership = leadership;
        this.source = source;
        this.conductor = conductor;
        this.clock = clock;
        this.timeline = timeline;
        this.branchInterval = branchInterval;
        this.pushes = pushes;
    }

    /** One look at the fleet and at most one write, if this agent leads and is in touch; what it wrote, if anything. */
    public Optional<FleetChange> step() {
        if (!leadership.isLeader() || coordination.connection() != Connection.CONNECTED) {
            return Optional.empty();
        }
        try {
            FleetView view = coordination.view();
            FleetChange change = conductor.decide(view, head(), clock.now());
            if (change.writesNothing()) {
                tell(change.notes());
                return Optional.empty();
            }
            Outcome written = leadership.apply(change);
            if (written instanceof Outcome.Failed refused) {
                timeline.note("the leader's write was refused, nothing changed: " + refused.reason());
                return Optional.empty();
            }
            tell(change.notes());
            return Optional.of(change);
        } catch (CoordinationUnavailableException e) {
            timeline.note("the leader cannot reach the fleet's coordination (" + e.getMessage() + "); no step taken");
            return Optional.empty();
        }
    }

    /** Steps whenever the fleet changes (or every interval) until interrupted. */
    public void runUntilInterrupted(Duration interval) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                step();
            } catch (RuntimeException e) {
                timeline.note("the leader's step failed: " + e.getMessage());
            }
            try {
                coordination.awaitChange(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The branch's head, read at most once per interval (a fetch on every step would hammer the repository), and at
     * once after a push: the forge said the branch moved. Only the leader takes a push; another agent's waits for the
     * day it leads, when it costs one read too many.
     */
    private Optional<CommitId> head() {
        if (pushes.takeArrived() || !clock.now().isBefore(nextRead)) {
            nextRead = clock.now().plus(branchInterval);
            try {
                head = Optional.of(CommitId.of(source.newest()));
            } catch (SourceUnavailableException e) {
                timeline.note("the leader cannot read the branch (" + e.getMessage() + "); no new rollout begins");
            }
        }
        return head;
    }

    private void tell(List<String> notes) {
        notes.stream().filter(note -> !told.contains(note)).forEach(timeline::note);
        told = new HashSet<>(notes);
    }
}
