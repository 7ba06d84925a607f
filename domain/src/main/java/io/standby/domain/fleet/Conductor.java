package io.standby.domain.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The leader's judgement, as a pure function: given the fleet as it stands, the branch's head and the time, what to
 * write next. It never tells more hosts a commit they do not serve than the batch size allows (counting hosts that are
 * away but were told one), sends the canary first and lets it soak, and on a failure or a missed deadline marks the
 * commit bad and sends every host back to the previous commit, a batch at a time. A host that joins late is told the
 * commit the phase wants of it: the last good one, unless the rollout is rolling it out.
 */
public final class Conductor {

    private final RolloutPolicy policy;

    /** @param policy the rules for rollouts this leader begins; one under way keeps its own */
    public Conductor(RolloutPolicy policy) {
        this.policy = policy;
    }

    public FleetChange decide(FleetView view, Optional<CommitId> head, Instant now) {
        Decision decision = new Decision();
        Optional<Rollout> rollout = view.rollout();
        for (PendingCommand pending : view.commands()) {
            decision.consumed.add(pending.id());
            if (rollout.isEmpty()) {
                decision.notes.add("ignored `fleet " + pending.command().key() + "`: no rollout is under way");
            } else {
                rollout = Optional.of(obey(rollout.get(), pending.command(), now, decision));
            }
        }
        rollout = begin(view, rollout, head, now, decision);
        if (rollout.isPresent()) {
            Rollout steered = judge(view, rollout.get(), now, decision);
            steered = advance(view, steered, now, decision);
            assign(view, steered, now, decision);
            rollout = Optional.of(steered);
        }
        Optional<Rollout> changed = rollout.filter(r -> !view.rollout().equals(Optional.of(r)));
        return new FleetChange(view.rolloutVersion(), changed, decision.assign, decision.withdraw, decision.consumed,
                decision.bad, decision.notes);
    }

    private Rollout obey(Rollout rollout, FleetCommand command, Instant now, Decision decision) {
        if (!command.rollout().equals(rollout.id())) {
            decision.notes.add("ignored `fleet " + command.key() + "` for rollout " + command.rollout()
                    + ": the rollout now is " + rollout.id());
            return rollout;
        }
        if (!(rollout.phase() instanceof Phase.Forward forward)) {
            decision.notes.add("ignored `fleet " + command.key() + "`: rollout " + rollout.id() + " is "
                    + rollout.phase().key());
            return rollout;
        }
        if (command instanceof FleetCommand.Promote) {
            decision.notes.add("rollout " + rollout.id() + " promoted by an operator");
            return rollout.promote();
        }
        if (command instanceof FleetCommand.Pause) {
            decision.notes.add("rollout " + rollout.id() + " paused by an operator: no new wave until `fleet resume`");
            return rollout.paused(true);
        }
        if (command instanceof FleetCommand.Resume) {
            decision.notes.add("rollout " + rollout.id() + " resumed by an operator");
            return rollout.paused(false);
        }
        FleetCommand.Abort abort = (FleetCommand.Abort) command;
        return abandon(rollout, forward, "aborted by an operator" + (abort.reason().isBlank() ? "" : ": " + abort.reason()),
                now, decision);
    }

    /** A new rollout when the last one is over and the branch has a commit that is neither live nor bad. */
    private Optional<Rollout> begin(FleetView view, Optional<Rollout> rollout, Optional<CommitId> head, Instant now,
                                    Decision decision) {
        if (head.isEmpty() || rollout.filter(r -> !r.phase().isOver()).isPresent()) {
            return rollout;
        }
        CommitId commit = head.get();
        Optional<CommitId> lastGood = rollout.isPresent() ? rollout.get().lastGood() : mostServed(view);
        boolean known = lastGood.filter(commit::equals).isPresent()
                || rollout.filter(r -> r.commit().equals(commit)).isPresent();
        if (known) {
            return rollout;
        }
        if (view.bad().contains(commit)) {
            decision.notes.add("not rolling out " + commit + ": the fleet marked it bad; push a fix");
            return rollout;
        }
        List<HostName> reported = view.members().stream().filter(view.observed()::containsKey).sorted().toList();
        if (reported.isEmpty()) {
            decision.notes.add("not rolling out " + commit + " yet: no registered host has reported");
            return rollout;
        }
        List<HostName> canary = reported.subList(0, policy.canary().of(reported.size()));
        Rollout begun = Rollout.begin(commit, lastGood, policy, canary, now);
        decision.notes.add("rollout " + begun.id() + " of " + commit + " began"
                + lastGood.map(p -> " (from " + p + ")").orElse("") + "; canary " + canary);
        return Optional.of(begun);
    }

    /** The commit most registered hosts serve: the starting point of a fleet that never had a rollout. */
    private static Optional<CommitId> mostServed(FleetView view) {
        Map<CommitId, Long> counts = view.members().stream().map(view::observedOf).flatMap(Optional::stream)
                .map(HostReport::serving).flatMap(Optional::stream)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream()
                .max(Map.Entry.<CommitId, Long>comparingByValue().thenComparing(e -> e.getKey().sha(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }

    /** Aborts a rollout on its way when a host failed the commit, missed its deadline, or the soaking canary faltered. */
    private Rollout judge(FleetView view, Rollout rollout, Instant now, Decision decision) {
        if (!(rollout.phase() instanceof Phase.Forward forward)) {
            return rollout;
        }
        Optional<String> failure = failure(view, rollout, now);
        return failure.map(reason -> abandon(rollout, forward, reason, now, decision)).orElse(rollout);
    }

    private Optional<String> failure(FleetView view, Rollout rollout, Instant now) {
        for (HostName host : view.hosts()) {
            Optional<Desired> told = view.desiredOf(host)
                    .filter(d -> d.rollout().equals(rollout.id()) && d.commit().equals(rollout.commit()));
            if (told.isEmpty()) {
                continue;
            }
            Optional<HostReport> failed = view.observedOf(host).filter(report -> report.failed(told.get()));
            if (failed.isPresent()) {
                return Optional.of(host + " could not bring " + rollout.commit() + " live: " + failed.get().detail());
            }
            if (view.inFlight(host) && !now.isBefore(told.get().since().plus(rollout.policy().hostDeadline()))) {
                return Optional.of(host + " did not serve " + rollout.commit() + " within its deadline of "
                        + rollout.policy().hostDeadline().toSeconds() + "s"
                        + (view.members().contains(host) ? "" : " (its agent is away)"));
            }
        }
        if (rollout.phase() instanceof Phase.CanaryServes) {
            for (HostName host : rollout.canary()) {
                if (!view.members().contains(host)) {
                    return Optional.of("canary " + host + " left the fleet before the rest followed");
                }
                if (!view.settledOn(host, rollout.commit())) {
                    return Optional.of("canary " + host + " no longer serves " + rollout.commit());
                }
            }
        }
        return Optional.empty();
    }

    private static Rollout abandon(Rollout rollout, Phase.Forward forward, String reason, Instant now, Decision decision) {
        decision.bad.add(new BadCommit(rollout.commit(), reason, now));
        decision.notes.add("rollout " + rollout.id() + " of " + rollout.commit() + " aborted: " + reason + "; "
                + rollout.previous().map(p -> "hosts that took it go back to " + p)
                .orElse("there is no earlier commit to go back to, so hosts that took it keep it"));
        return rollout.moveTo(forward.abort(reason, now));
    }

    private Rollout advance(FleetView view, Rollout rollout, Instant now, Decision decision) {
        Phase phase = rollout.phase();
        Rollout next = rollout;
        if (phase instanceof Phase.Canary canary
                && rollout.canary().stream().allMatch(host -> view.settledOn(host, rollout.commit()))) {
            next = rollout.moveTo(canary.soak(now));
        } else if (phase instanceof Phase.CanarySoak soak && !rollout.paused()
                && !now.isBefore(soak.since().plus(rollout.policy().canarySoak()))) {
            boolean waits = rollout.policy().awaitPromotion() && !rollout.promoted();
            next = rollout.moveTo(waits ? soak.awaitPromotion(now) : soak.roll(now));
        } else if (phase instanceof Phase.AwaitingPromotion awaiting && rollout.promoted() && !rollout.paused()) {
            next = rollout.moveTo(awaiting.roll(now));
        } else if (phase instanceof Phase.Rolling rolling && settledEverywhere(view, rollout.commit(), decision)) {
            next = rollout.moveTo(rolling.done(now));
        } else if (phase instanceof Phase.Aborting aborting) {
            withdrawOverdue(view, rollout, now, decision);
            boolean back = rollout.previous().map(p -> settledEverywhere(view, p, decision))
                    .orElseGet(() -> inFlight(view, decision) == 0);
            if (back) {
                next = rollout.moveTo(aborting.aborted(now));
            }
        }
        if (next != rollout) {
            decision.notes.add("rollout " + rollout.id() + ": " + phase.key() + " -> " + next.phase().key());
        }
        return next;
    }

    /**
     * While the fleet goes back, a host away past its deadline is no longer waited for: its instruction is taken back,
     * and when its agent returns it is told the last good commit like any late joiner.
     */
    private static void withdrawOverdue(FleetView view, Rollout rollout, Instant now, Decision decision) {
        for (HostName host : view.hosts()) {
            boolean overdue = view.desiredOf(host)
                    .filter(d -> !now.isBefore(d.since().plus(rollout.policy().hostDeadline()))).isPresent();
            if (!view.members().contains(host) && view.inFlight(host) && overdue) {
                decision.withdraw.add(host);
                decision.notes.add(host + " is away past its deadline: no longer waited for; it goes back when it returns");
            }
        }
    }

    /** No host in flight, and every registered host that reported was told this commit and serves it. */
    private static boolean settledEverywhere(FleetView view, CommitId commit, Decision decision) {
        return inFlight(view, decision) == 0 && view.members().stream().filter(view.observed()::containsKey)
                .allMatch(host -> view.settledOn(host, commit));
    }

    private static long inFlight(FleetView view, Decision decision) {
        return view.hosts().stream().filter(host -> !decision.withdraw.contains(host)).filter(view::inFlight).count();
    }

    /**
     * Tells registered hosts what the phase wants of them. Telling a host a commit it does not serve costs one place
     * in the batch; a host already in flight, or already serving it, costs none. A pause holds the new commit back,
     * never the way back.
     */
    private static void assign(FleetView view, Rollout rollout, Instant now, Decision decision) {
        long places = rollout.policy().batchSize() - inFlight(view, decision);
        boolean held = rollout.paused() && rollout.phase() instanceof Phase.Forward;
        List<HostName> order = view.members().stream().filter(view.observed()::containsKey)
                .sorted(Comparator.comparing((HostName host) -> !rollout.canary().contains(host))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        for (HostName host : order) {
            Optional<CommitId> target = rollout.targetFor(host);
            if (target.isEmpty() || view.desiredOf(host).filter(d -> d.commit().equals(target.get())).isPresent()) {
                continue;
            }
            boolean costs = !view.inFlight(host) && !view.observedOf(host).orElseThrow().settledOn(target.get());
            if (costs && (places <= 0 || held && target.get().equals(rollout.commit()))) {
                continue;
            }
            decision.assign.put(host, new Desired(rollout.id(), target.get(), now));
            if (costs) {
                places--;
            }
        }
    }

    /** What one decision collects on its way. */
    private static final class Decision {
        final Map<HostName, Desired> assign = new LinkedHashMap<>();
        final Set<HostName> withdraw = new HashSet<>();
        final List<String> consumed = new ArrayList<>();
        final List<BadCommit> bad = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }
}
