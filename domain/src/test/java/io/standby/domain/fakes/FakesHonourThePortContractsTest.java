package io.standby.domain.fakes;

import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.HealthProbe;
import io.standby.domain.port.out.HealthProbeContract;
import io.standby.domain.port.out.ReleaseSource;
import io.standby.domain.port.out.ReleaseSourceContract;
import io.standby.domain.port.out.ServiceRuntime;
import io.standby.domain.port.out.ServiceRuntimeContract;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.domain.port.out.TrafficRouterContract;
import org.junit.jupiter.api.Nested;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The domain's tests trust the fakes; this is why they may: each fake passes the same contract the real
 * adapter passes against real nginx, HAProxy, php and git.
 */
class FakesHonourThePortContractsTest {

    @Nested
    class TheFakeRouter implements TrafficRouterContract {
        private final Slots slots = Slots.of(9501, 9502);
        private final FakeRouter router = new FakeRouter(new Events(), new ManualClock(Instant.parse("2026-11-22T10:00:00Z")), Optional.of(slots.blue()));

        @Override
        public Routing routing() {
            return new Routing(router, slots);
        }

        @Override
        public Optional<AutoCloseable> outOfReach() {
            router.stopFor(java.time.Duration.ofMinutes(1));
            return Optional.of(router::backNow);
        }
    }

    @Nested
    class TheFakeSource implements ReleaseSourceContract {
        private final Events events = new Events();
        private final FakeSource source = new FakeSource(new FakeWorkspace(events), events);

        @Override
        public ReleaseSource source() {
            return source;
        }

        @Override
        public String commit(String file, String content, String message) {
            return source.commit(Map.of(file, content), message).sha();
        }
    }

    @Nested
    class TheFakeRuntime implements ServiceRuntimeContract {
        private final Events events = new Events();
        private final FakeRuntime runtime = new FakeRuntime(events);
        private final FakeSource source = new FakeSource(new FakeWorkspace(events), events);
        private int nextPort = 9600;

        @Override
        public ServiceRuntime runtime() {
            return runtime;
        }

        @Override
        public Release bootableRelease() {
            return releaseOf(source.push("boots"));
        }

        @Override
        public Release crashingRelease() {
            Revision crashing = source.push("crashes");
            runtime.failBootOf(crashing, "PHP Fatal error while booting");
            return releaseOf(crashing);
        }

        private Release releaseOf(Revision revision) {
            return new Release(ReleaseId.of(Instant.parse("2026-11-22T10:00:00Z"), revision), revision,
                    Path.of("/srv/app/releases", revision.shortSha()));
        }

        @Override
        public Slot freeSlot() {
            return new Slot("green", nextPort++);
        }

        @Override
        public AutoCloseable occupy(Slot slot) {
            runtime.occupyByForeignProcess(slot, Path.of("/opt/squatter"));
            return () -> runtime.vacate(slot);
        }
    }

    @Nested
    class TheFakeHealthProbe implements HealthProbeContract {
        private final World world = World.withLiveRelease();
        private final Slot sick = new Slot("sick", 9701);

        TheFakeHealthProbe() {
            Revision broken = world.source.push("answers 500");
            world.health.sick(broken);
            world.runtime.alreadyRunning(new Release(ReleaseId.of(world.clock.now(), broken), broken, Path.of("/srv/app/broken")), sick);
        }

        @Override
        public HealthProbe probe() {
            return world.health;
        }

        @Override
        public Slot healthySlot() {
            return world.slots.blue();
        }

        @Override
        public Slot unhealthySlot() {
            return sick;
        }

        @Override
        public Slot deadSlot() {
            return world.slots.green();
        }

        @Override
        public Revision expected() {
            return world.store.live().orElseThrow().release().revision();
        }
    }
}
