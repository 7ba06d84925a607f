package io.standby.domain.fakes;

import io.standby.domain.fleet.BadCommit;
import io.standby.domain.fleet.CommitId;
import io.standby.domain.fleet.Connection;
import io.standby.domain.fleet.CoordinationUnavailableException;
import io.standby.domain.fleet.Desired;
import io.standby.domain.fleet.FleetChange;
import io.standby.domain.fleet.FleetCommand;
import io.standby.domain.fleet.FleetCoordination;
import io.standby.domain.fleet.FleetLeadership;
import io.standby.domain.fleet.FleetView;
import io.standby.domain.fleet.HostName;
import io.standby.domain.fleet.HostReport;
import io.standby.domain.fleet.PendingCommand;
import io.standby.domain.fleet.Rollout;
import io.standby.domain.model.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fleet's coordination in memory, behaving as ZooKeeper with Curator's recipes does for it: each agent has a
 * session; its registration (an ephemeral node) and its place in the election (LeaderLatch's sequential ephemeral
 * node) last as long as the session and come back, under a new place, when it reconnects; the leader is the oldest
 * place still held, and is no leader while suspended (Curator's standard error policy); the rollout is written only
 * at the version read, and only by an agent whose election node still exists; other nodes outlive sessions.
 * Simplified: no real time, so sessions are suspended, lost and renewed when a test says so, and awaitChange never waits.
 */
public final class InMemoryFleet {

    private Optional<Rollout> rollout = Optional.empty();
    private int version = -1;
    private final Map<HostName, Desired> desired = new HashMap<>();
    private final Map<HostName, HostReport> observed = new HashMap<>();
    private final Map<String, PendingCommand> commands = new LinkedHashMap<>();
    private final Map<CommitId, BadCommit> bad = new LinkedHashMap<>();
    private final Map<HostName, Long> election = new HashMap<>();
    private final Map<HostName, Agent> members = new HashMap<>();
    private long places;
    private int commandIds;

    /** The coordination as one host's agent reaches it, with a session of its own. */
    public synchronized Agent agent(HostName host) {
        return new Agent(host);
    }

    /** The fleet as it is, without any session: for a test's assertions. */
    public synchronized FleetView truth() {
        Optional<HostName> leader = election.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        return new FleetView(rollout, version, members.keySet(), leader, desired, observed,
                new ArrayList<>(commands.values()), bad.keySet());
    }

    public synchronized List<BadCommit> badCommits() {
        return List.copyOf(bad.values());
    }

    public final class Agent implements FleetCoordination, FleetLeadership {

        private final HostName host;
        private Connection connection = Connection.CONNECTED;
        private boolean joined;

        private Agent(HostName host) {
            this.host = host;
        }

        public HostName host() {
            return host;
        }

        /** Out of touch; the session, its registration and election place still hold. */
        public void suspend() {
            synchronized (InMemoryFleet.this) {
                connection = Connection.SUSPENDED;
            }
        }

        /** The session expired: its ephemeral nodes are gone. */
        public void expire() {
            synchronized (InMemoryFleet.this) {
                connection = Connection.LOST;
                leaveNodes();
            }
        }

        /** Back in touch; after an expired session, registered again under a new election place. */
        public void reconnect() {
            synchronized (InMemoryFleet.this) {
                connection = Connection.CONNECTED;
                if (joined && !members.containsKey(host)) {
                    enter();
                }
            }
        }

        /** The agent's process died: its session ends with it, and nothing comes back by itself. */
        public void kill() {
            synchronized (InMemoryFleet.this) {
                connection = Connection.LOST;
                joined = false;
                leaveNodes();
            }
        }

        @Override
        public void join() {
            synchronized (InMemoryFleet.this) {
                joined = true;
                if (connection == Connection.CONNECTED && !members.containsKey(host)) {
                    enter();
                }
            }
        }

        @Override
        public Connection connection() {
            synchronized (InMemoryFleet.this) {
                return connection;
            }
        }

        @Override
        public Optional<Desired> desired(HostName of) {
            synchronized (InMemoryFleet.this) {
                inTouch();
                return Optional.ofNullable(desired.get(of));
            }
        }

        @Override
        public Optional<HostReport> observed(HostName of) {
            synchronized (InMemoryFleet.this) {
                inTouch();
                return Optional.ofNullable(observed.get(of));
            }
        }

        @Override
        public void report(HostReport report) {
            synchronized (InMemoryFleet.this) {
                inTouch();
                observed.put(report.host(), report);
            }
        }

        @Override
        public Optional<Rollout> rollout() {
            synchronized (InMemoryFleet.this) {
                inTouch();
                return rollout;
            }
        }

        @Override
        public FleetView view() {
            synchronized (InMemoryFleet.this) {
                inTouch();
                return truth();
            }
        }

        @Override
        public void submit(FleetCommand command) {
            synchronized (InMemoryFleet.this) {
                inTouch();
                String id = "command-" + String.format("%010d", commandIds++);
                commands.put(id, new PendingCommand(id, command));
            }
        }

        @Override
        public boolean awaitChange(Duration max) {
            return false;
        }

        @Override
        public void nudge() {
            // Nothing waits here: awaitChange never does.
        }

        @Override
        public boolean isLeader() {
            synchronized (InMemoryFleet.this) {
                return connection == Connection.CONNECTED && leads();
            }
        }

        @Override
        public Outcome apply(FleetChange change) {
            synchronized (InMemoryFleet.this) {
                inTouch();
                if (!leads()) {
                    return Outcome.failed(host + " no longer holds leadership");
                }
                if (change.expectedVersion() != version) {
                    return Outcome.failed("the rollout changed since it was read (version " + version + ", expected "
                            + change.expectedVersion() + ")");
                }
                change.rollout().ifPresent(next -> {
                    rollout = Optional.of(next);
                    version++;
                });
                desired.putAll(change.assign());
                change.withdraw().forEach(desired::remove);
                change.consumed().forEach(commands::remove);
                change.bad().forEach(b -> bad.putIfAbsent(b.commit(), b));
                return Outcome.done();
            }
        }

        private boolean leads() {
            return election.containsKey(host) && election.entrySet().stream()
                    .min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .map(e -> e.getKey().equals(host)).orElse(false);
        }

        private void enter() {
            members.put(host, this);
            election.put(host, places++);
        }

        private void leaveNodes() {
            members.remove(host, this);
            election.remove(host);
        }

        private void inTouch() {
            if (connection != Connection.CONNECTED) {
                throw new CoordinationUnavailableException("the session of " + host + " is " + connection.name().toLowerCase());
            }
        }
    }

    /** Every host's set of instructions and the hosts the fleet knows, as a test reads them. */
    public synchronized Set<HostName> registered() {
        return Set.copyOf(members.keySet());
    }
}
