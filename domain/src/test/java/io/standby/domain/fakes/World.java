package io.standby.domain.fakes;

import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.PollingPolicy;
import io.standby.domain.model.PreviousRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.Pushes;
import io.standby.domain.port.out.ReleaseHooks;
import io.standby.domain.service.Deployer;
import io.standby.domain.service.Recovery;
import io.standby.domain.service.ReleasePipeline;
import io.standby.domain.service.Reports;
import io.standby.domain.service.Rollbacks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A server in memory: every fake wired to the domain's services, the way the app wires the real adapters. */
public final class World {

    public final Slots slots = Slots.of(9501, 9502);
    public final Events events = new Events();
    public static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    public final ManualClock clock;
    public final FakeWorkspace workspace = new FakeWorkspace(events);
    public final FakeSource source = new FakeSource(workspace, events);
    public final FakeInstaller installer = new FakeInstaller(events);
    public final FakeRuntime runtime = new FakeRuntime(events);
    public final FakeRouter router;
    public final FakeHealth health;
    public final FakeHooks hooks = new FakeHooks(events);
    public final InMemoryReleaseStore store = new InMemoryReleaseStore();
    public final RecordingTimeline timeline = new RecordingTimeline();
    public final ReleasePolicy policy = new ReleasePolicy(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(2), Duration.ofMillis(500), 3);
    public final PollingPolicy polling = new PollingPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5));

    // A fleet host keeps its previous release warm, and its switch is gated by the fleet's coordination.
    private PreviousRelease afterSwitch = PreviousRelease.RETIRED;
    private ReleaseHooks hooksInUse;

    public World() {
        this(new ManualClock(START));
    }

    /** A server whose time is the given clock: the servers of a fleet share one. */
    public World(ManualClock clock) {
        this.clock = clock;
        this.hooksInUse = hooks;
        this.router = new FakeRouter(events, clock, Optional.of(slots.blue()));
        this.health = new FakeHealth(runtime, router);
    }

    /** The tutorial's starting point: a release serves in the blue slot and the journal knows it. */
    public static World withLiveRelease() {
        return withLiveRelease(new ManualClock(START));
    }

    public static World withLiveRelease(ManualClock clock) {
        World world = new World(clock);
        Revision first = world.source.push("v1");
        Release release = new Release(ReleaseId.of(world.clock.now(), first), first, Path.of("/srv/app/releases/v1"));
        world.runtime.alreadyRunning(release, world.slots.blue());
        world.store.saveLive(new LiveRelease(release, world.slots.blue(), world.clock.now()));
        return world;
    }

    /** Makes this server a fleet host: its previous release stays warm, and the gate has the last word on a switch. */
    public World inFleet(UnaryOperator<ReleaseHooks> gate) {
        afterSwitch = PreviousRelease.KEPT_WARM;
        hooksInUse = gate.apply(hooks);
        return this;
    }

    public ReleasePipeline pipeline() {
        return new ReleasePipeline(source, installer, runtime, health, router, store, workspace, hooksInUse, clock,
                timeline, policy, afterSwitch);
    }

    public Deployer deployer() {
        return deployer(Pushes.NONE);
    }

    /** The poller of an agent whose push hook leaves its word in {@code pushes}. */
    public Deployer deployer(Pushes pushes) {
        return new Deployer(source, store, pipeline(), recovery(Optional.empty()), slots, router, clock, timeline, polling,
                pushes);
    }

    /** The poller of an agent that drains the old release as told: {@code minimum} at least, {@code timeout} at most. */
    public Deployer deployerDraining(Duration minimum, Duration timeout) {
        ReleasePolicy draining = new ReleasePolicy(minimum, timeout, policy.drainPoll(), policy.watchWindow(),
                policy.watchPoll(), policy.keepReleases());
        ReleasePipeline pipeline = new ReleasePipeline(source, installer, runtime, health, router, store, workspace,
                hooksInUse, clock, timeline, draining, afterSwitch);
        return new Deployer(source, store, pipeline, recovery(Optional.empty()), slots, router, clock, timeline, polling,
                Pushes.NONE);
    }

    public Rollbacks rollbacks() {
        return new Rollbacks(store, workspace, pipeline(), slots, clock);
    }

    public Recovery recovery(Optional<Path> adoptDirectory) {
        return new Recovery(source, runtime, health, router, store, pipeline(), slots, clock, timeline, policy, adoptDirectory);
    }

    public Reports reports() {
        return new Reports(store);
    }
}
