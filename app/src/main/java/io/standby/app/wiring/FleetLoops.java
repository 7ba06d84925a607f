package io.standby.app.wiring;

import io.standby.domain.fleet.FleetCoordination;
import io.standby.domain.fleet.FleetLeader;
import io.standby.domain.fleet.FleetMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A fleet's agent: instead of polling its branch it joins the fleet and runs its member (which does what the leader
 * tells this host) and its leader (which does nothing unless elected) until asked to stop. Then it lets a release
 * under way finish, and leaves the fleet at once rather than when its session expires, so that another agent takes
 * over the lead without waiting.
 */
final class FleetLoops implements AgentLoop {

    private static final Logger LOG = LoggerFactory.getLogger(FleetLoops.class);

    private final FleetMember member;
    private final FleetLeader leader;
    private final FleetCoordination coordination;
    private final GracefulStop stop;
    private final Duration interval;
    private final AutoCloseable connection;

    FleetLoops(FleetMember member, FleetLeader leader, FleetCoordination coordination, GracefulStop stop,
               Duration interval, AutoCloseable connection) {
        this.member = member;
        this.leader = leader;
        this.coordination = coordination;
        this.stop = stop;
        this.interval = interval;
        this.connection = connection;
    }

    @Override
    public void runUntilStopped() {
        try (AutoCloseable leaving = connection) {
            coordination.join();
            LOG.info("{} joined the fleet", member.host());
            StepLoop members = StepLoop.start("fleet-member", member::step, coordination::awaitChange, interval);
            StepLoop leading = StepLoop.start("fleet-leader", leader::step, coordination::awaitChange, interval);
            try {
                stop.awaitRequest();
            } finally {
                members.stop();
                leading.stop();
                LOG.info("{} leaves the fleet", member.host());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("leaving the fleet did not go cleanly ({}); its session's end removes this agent anyway", e.getMessage());
        }
    }
}
