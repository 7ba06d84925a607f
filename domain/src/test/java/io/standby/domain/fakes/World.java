package io.standby.domain.fakes;

import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.PollingPolicy;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.ReleasePolicy;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slots;
import io.standby.domain.service.Deployer;
import io.standby.domain.service.Recovery;
import io.standby.domain.service.ReleasePipeline;
import io.standby.domain.service.Reports;
import io.standby.domain.service.Rollbacks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A server in memory: every fake wired to the domain's services, the way the app wires the real adapters. */
public final class World {

    public final Slots slots = Slots.of(9501, 9502);
    public final Events events = new Events();
    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
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

    public World() {
        this.router = new FakeRouter(events, clock, Optional.of(slots.blue()));
        this.health = new FakeHealth(runtime, router);
    }

    /** The tutorial's starting point: a release serves in the blue slot and the journal knows it. */
    public static World withLiveRelease() {
        World world = new World();
        Revision first = world.source.push("v1");
        Release release = new Release(ReleaseId.of(world.clock.now(), first), first, Path.of("/srv/app/releases/v1"));
        world.runtime.alreadyRunning(release, world.slots.blue());
        world.store.saveLive(new LiveRelease(release, world.slots.blue(), world.clock.now()));
        return world;
    }

    public ReleasePipeline pipeline() {
        return new ReleasePipeline(source, installer, runtime, health, router, store, workspace, hooks, clock, timeline, policy);
    }

    public Deployer deployer() {
        return new Deployer(source, store, pipeline(), recovery(Optional.empty()), slots, router, clock, timeline, polling);
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
