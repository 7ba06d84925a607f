package io.standby.domain.service;

import io.standby.domain.model.Deployment;
import io.standby.domain.model.Detected;
import io.standby.domain.model.Durations;
import io.standby.domain.model.History;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Plan;
import io.standby.domain.model.PollingPolicy;
import io.standby.domain.model.Revision;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.model.Slots;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.in.DeployRelease;
import io.standby.domain.port.in.PollForRelease;
import io.standby.domain.port.in.RequestRefusedException;
import io.standby.domain.port.out.Clock;
import io.standby.domain.port.out.ProxyUnavailableException;
import io.standby.domain.port.out.Pushes;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.domain.port.out.SourceUnavailableException;
import io.standby.domain.port.out.Timeline;
import io.standby.domain.port.out.TrafficRouter;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds what to release, on request or by polling the branch, and hands it to the pipeline. */
public final class Deployer implements DeployRelease, PollForRelease {

    private static final int SHOWN_CANDIDATES = 5;

    private final ReleaseSource source;
    private final ReleaseStore store;
    private final ReleasePipeline pipeline;
    private final Recovery recovery;
    private final Planner planner;
    private final Clock clock;
    private final Timeline timeline;
    private final PollingPolicy polling;
    private final Pushes pushes;
    // Remembered so that a known-bad head is reported once, not on every poll.
    private String lastSkipped = "";
    // Likewise why the last poll could not release anything, while that stays the same.
    private String lastUnsettled = "";

    /** An agent without a push hook: every release it finds by itself is a poll's. */
    public Deployer(ReleaseSource source, ReleaseStore store, ReleasePipeline pipeline, Recovery recovery, Slots slots,
                    TrafficRouter router, Clock clock, Timeline timeline, PollingPolicy polling) {
        this(source, store, pipeline, recovery, slots, router, clock, timeline, polling, Pushes.NONE);
    }

    public Deployer(ReleaseSource source, ReleaseStore store, ReleasePipeline pipeline, Recovery recovery, Slots slots,
                    TrafficRouter router, Clock clock, Timeline timeline, PollingPolicy polling, Pushes pushes) {
        this.source = source;
        this.store = store;
        this.pipeline = pipeline;
        this.recovery = recovery;
        this.planner = new Planner(slots, store, router, clock);
        this.clock = clock;
        this.timeline = timeline;
        this.polling = polling;
        this.pushes = pushes;
    }

    @Override
    public Deployment deploy(Optional<String> commitId) {
        recovery.settle().ifPresent(why -> {
            throw new ProxyUnavailableException("not releasing while an earlier release is unsettled: " + why);
        });
        Revision revision = commitId.map(this::find).orElseGet(source::newest);
        return pipeline.run(new Detected(planner.plan(revision, Trigger.DEPLOY)));
    }

    private Revision find(String commitId) {
        List<Revision> matching = source.find(commitId);
        if (matching.isEmpty()) {
            throw new RequestRefusedException("no commit '" + commitId + "' in the repository: check the id with"
                    + " `git log` and that it was pushed");
        }
        if (matching.size() > 1) {
            throw new RequestRefusedException(ambiguous(commitId.strip(), matching));
        }
        return matching.get(0);
    }

    /** Names the candidates, newest first, by as many digits as tell them apart, so the operator can pick one. */
    private static String ambiguous(String commitId, List<Revision> matching) {
        List<Revision> newestFirst = matching.stream()
                .sorted(Comparator.comparing(Revision::committedAt).reversed().thenComparing(Revision::sha))
                .toList();
        int digits = distinguishingDigits(newestFirst);
        String named = newestFirst.stream().limit(SHOWN_CANDIDATES)
                .map(r -> r.sha().substring(0, digits) + " \"" + r.subject() + "\"")
                .collect(Collectors.joining(", "));
        String more = newestFirst.size() > SHOWN_CANDIDATES ? " and " + (newestFirst.size() - SHOWN_CANDIDATES) + " more" : "";
        return "commit id '" + commitId + "' is ambiguous: " + newestFirst.size() + " commits start with it (" + named
                + more + "); give more of its digits, such as `standby deploy --revision " + newestFirst.get(0).sha()
                .substring(0, digits) + "` (nothing was changed)";
    }

    /** The fewest digits, seven at least as git shows them, that no two of these commits share. */
    private static int distinguishingDigits(List<Revision> revisions) {
        for (int digits = 7; digits < 40; digits++) {
            int shown = digits;
            if (revisions.stream().map(r -> r.sha().substring(0, shown)).distinct().count() == revisions.size()) {
                return digits;
            }
        }
        return 40;
    }

    @Override
    public Optional<Deployment> pollOnce() {
        // A release planned while an earlier one is half done would go to a slot that still runs.
        Optional<String> unsettled = recovery.settle();
        if (unsettled.isPresent()) {
            return held(unsettled.get());
        }
        // Taken before the read: a push that came before it is answered by it, one that comes later wakes the next poll.
        Trigger trigger = pushes.takeArrived() ? Trigger.PUSH : Trigger.POLL;
        Optional<Revision> head = newestOrNote();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Revision revision = head.get();
        boolean isLive = store.live().map(l -> l.release().revision().sha().equals(revision.sha())).orElse(false);
        if (isLive) {
            lastUnsettled = "";
            return Optional.empty();
        }
        Optional<HistoryEntry> bad = new History(store.history()).latestFor(revision)
                .filter(entry -> entry.result().marksRevisionBad());
        if (bad.isPresent()) {
            if (!lastSkipped.equals(revision.sha())) {
                lastSkipped = revision.sha();
                timeline.note("not deploying " + revision.shortSha() + " again: it was " + bad.get().result().name().toLowerCase()
                        + " at " + bad.get().stage().label() + " (" + bad.get().reason() + "); push a fix, or force it with "
                        + "`standby deploy --revision " + revision.shortSha() + "`");
            }
            return Optional.empty();
        }
        Plan plan;
        try {
            plan = planner.plan(revision, trigger);
        } catch (ProxyUnavailableException e) {
            return held("the proxy cannot say which slot is idle (" + e.getMessage() + ")");
        }
        lastUnsettled = "";
        return Optional.of(pipeline.run(new Detected(plan)));
    }

    /** No release this time, and the operator is told why once, not on every poll. */
    private Optional<Deployment> held(String why) {
        if (!lastUnsettled.equals(why)) {
            lastUnsettled = why;
            timeline.note("not releasing anything yet: " + why + "; the live release keeps serving");
        }
        return Optional.empty();
    }

    private Optional<Revision> newestOrNote() {
        SourceHealth before = store.sourceHealth().orElse(SourceHealth.reachable(clock.now()));
        try {
            Revision newest = source.newest();
            if (before.failuresInARow() > 0) {
                timeline.note("the repository answers again after " + before.failuresInARow() + " failed attempts");
            }
            store.saveSourceHealth(SourceHealth.reachable(clock.now()));
            return Optional.of(newest);
        } catch (SourceUnavailableException e) {
            SourceHealth after = before.failedAgain(clock.now(), e.getMessage());
            // Said before it is saved: when the disk is full the save fails too, and the cause must not be lost.
            timeline.note("cannot read the repository (attempt " + after.failuresInARow() + "): " + e.getMessage()
                    + "; the live release keeps serving; next try in " + Durations.human(polling.pauseAfter(after.failuresInARow())));
            store.saveSourceHealth(after);
            return Optional.empty();
        }
    }

    @Override
    public void pollUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                // A broken environment (a full disk, a vanished directory) must not end the agent: say so and try again.
                timeline.note("poll failed: " + e.getMessage() + "; the live release keeps serving");
            }
            int failures = store.sourceHealth().map(SourceHealth::failuresInARow).orElse(0);
            try {
                clock.pause(polling.pauseAfter(failures));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
