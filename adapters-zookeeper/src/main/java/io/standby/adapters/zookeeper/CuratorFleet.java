package io.standby.adapters.zookeeper;

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
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The fleet's coordination in ZooKeeper, through Curator. Registration is an ephemeral node kept by Curator's
 * {@link PersistentNode} (so it comes back by itself after a lost session); leadership is a {@link LeaderLatch}; the
 * leader's writes are one transaction that checks its own latch node still exists and the rollout node's version,
 * so a former leader (its session expired, its latch node gone) or a stale read writes nothing. Nodes are under
 * {@link FleetPaths}; their contents are {@link FleetDocuments}.
 */
final class CuratorFleet implements FleetCoordination, FleetLeadership {

    private final CuratorFramework client;
    private final FleetPaths paths;
    private final HostName host;
    private final FleetDocuments documents = new FleetDocuments();
    private final Clock clock;
    private final CuratorCache cache;
    private final Object changes = new Object();
    private final ThreadLocal<Long> seen = ThreadLocal.withInitial(() -> 0L);
    private long generation;
    private volatile Connection connection;
    private PersistentNode registration;
    private LeaderLatch latch;

    CuratorFleet(CuratorFramework client, FleetPaths paths, HostName host, Clock clock) {
        this.client = client;
        this.paths = paths;
        this.host = host;
        this.clock = clock;
        client.getConnectionStateListenable().addListener((c, state) -> {
            connection = connectionOf(state);
            changed();
        });
        // Read only once the listener is in place: the client is started already, and a CONNECTED event that came
        // between reading and listening would be lost, leaving this agent out of touch for good.
        this.connection = client.getZookeeperClient().isConnected() ? Connection.CONNECTED : Connection.SUSPENDED;
        this.cache = CuratorCache.build(client, paths.root());
        cache.listenable().addListener((type, before, after) -> changed());
        cache.start();
    }

    /** Curator's states in the domain's words: read-only is out of touch too, since nothing can be written. */
    static Connection connectionOf(ConnectionState state) {
        switch (state) {
            case CONNECTED:
            case RECONNECTED:
                return Connection.CONNECTED;
            case LOST:
                return Connection.LOST;
            default:
                return Connection.SUSPENDED;
        }
    }

    @Override
    public synchronized void join() {
        if (registration != null) {
            return;
        }
        registration = new PersistentNode(client, CreateMode.EPHEMERAL, false, paths.member(host),
                documents.member(host, clock.instant()));
        registration.start();
        latch = new LeaderLatch(client, paths.leader(), host.value());
        try {
            latch.start();
        } catch (Exception e) {
            throw new CoordinationUnavailableException("cannot enter the leader election: " + e.getMessage(), e);
        }
    }

    /** Leaves the fleet: the registration and the election place go at once, not at the session's end. */
    synchronized void leave() {
        try {
            if (latch != null) {
                latch.close();
            }
            if (registration != null) {
                registration.close();
            }
        } catch (IOException | IllegalStateException e) {
            // Closing while disconnected: the session's end removes the nodes anyway.
        }
        cache.close();
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public Optional<Desired> desired(HostName of) {
        return read(paths.desired(of)).map(documents::desired);
    }

    @Override
    public Optional<HostReport> observed(HostName of) {
        return read(paths.observed(of)).map(documents::report);
    }

    @Override
    public void report(HostReport report) {
        byte[] data = documents.report(report);
        String path = paths.observed(report.host());
        call("write the report of " + report.host(), () -> {
            try {
                client.setData().forPath(path, data);
            } catch (KeeperException.NoNodeException e) {
                client.create().creatingParentsIfNeeded().forPath(path, data);
            }
            return null;
        });
    }

    @Override
    public Optional<Rollout> rollout() {
        return read(paths.rollout()).map(documents::rollout);
    }

    @Override
    public FleetView view() {
        return call("read the fleet", () -> {
            Stat stat = new Stat();
            Optional<Rollout> rollout = Optional.empty();
            try {
                rollout = Optional.of(documents.rollout(client.getData().storingStatIn(stat).forPath(paths.rollout())));
            } catch (KeeperException.NoNodeException e) {
                stat.setVersion(-1);
            }
            Set<HostName> members = new HashSet<>();
            for (String name : children(paths.members())) {
                members.add(new HostName(name));
            }
            Map<HostName, Desired> desired = new HashMap<>();
            Map<HostName, HostReport> observed = new HashMap<>();
            for (String name : children(paths.hosts())) {
                HostName of = new HostName(name);
                read(paths.desired(of)).map(documents::desired).ifPresent(d -> desired.put(of, d));
                read(paths.observed(of)).map(documents::report).ifPresent(r -> observed.put(of, r));
            }
            List<PendingCommand> commands = new ArrayList<>();
            for (String name : children(paths.commands()).stream().sorted().toList()) {
                read(paths.command(name)).map(documents::command).ifPresent(c -> commands.add(new PendingCommand(name, c)));
            }
            Set<CommitId> bad = new HashSet<>();
            for (String sha : children(paths.bad())) {
                bad.add(new CommitId(sha));
            }
            return new FleetView(rollout, rollout.isPresent() ? stat.getVersion() : -1, members, leader(), desired,
                    observed, commands, bad);
        });
    }

    /** Bad commits with their reasons, for `fleet status`. */
    List<BadCommit> badCommits() {
        return call("read the bad commits", () -> {
            List<BadCommit> bad = new ArrayList<>();
            for (String sha : children(paths.bad())) {
                read(paths.badCommit(new CommitId(sha))).map(documents::bad).ifPresent(bad::add);
            }
            return bad;
        });
    }

    /** The oldest place in the election, as LeaderLatch orders them: by the sequence number after "latch-". */
    private Optional<HostName> leader() throws Exception {
        Optional<String> first = children(paths.leader()).stream().filter(n -> n.contains("latch-"))
                .min(Comparator.comparing((String n) -> n.substring(n.lastIndexOf("latch-"))));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        return read(paths.leader() + "/" + first.get()).map(bytes -> new HostName(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public void submit(FleetCommand command) {
        byte[] data = documents.command(command);
        call("leave the command for the leader", () -> client.create().creatingParentsIfNeeded()
                .withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath(paths.command("command-"), data));
    }

    @Override
    public boolean awaitChange(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (changes) {
            while (generation == seen.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            seen.set(generation);
            return true;
        }
    }

    @Override
    public void nudge() {
        changed();
    }

    private void changed() {
        synchronized (changes) {
            generation++;
            changes.notifyAll();
        }
    }

    @Override
    public boolean isLeader() {
        LeaderLatch current = latch;
        return current != null && connection == Connection.CONNECTED && current.hasLeadership();
    }

    @Override
    public Outcome apply(FleetChange change) {
        LeaderLatch current = latch;
        String ours = current == null ? null : current.getOurPath();
        if (ours == null || !current.hasLeadership()) {
            return Outcome.failed(host + " does not hold leadership");
        }
        return call("write the leader's change", () -> {
            for (HostName of : change.assign().keySet()) {
                ensure(paths.host(of));
            }
            ensure(paths.bad());
            List<CuratorOp> ops = new ArrayList<>();
            // The fence: this agent's own latch node, gone with its session or its leadership.
            ops.add(client.transactionOp().check().forPath(ours));
            ops.addAll(rolloutOps(change));
            for (Map.Entry<HostName, Desired> entry : change.assign().entrySet()) {
                ops.add(put(paths.desired(entry.getKey()), documents.desired(entry.getValue())));
            }
            for (HostName of : change.withdraw()) {
                if (client.checkExists().forPath(paths.desired(of)) != null) {
                    ops.add(client.transactionOp().delete().forPath(paths.desired(of)));
                }
            }
            for (String id : change.consumed()) {
                if (client.checkExists().forPath(paths.command(id)) != null) {
                    ops.add(client.transactionOp().delete().forPath(paths.command(id)));
                }
            }
            for (BadCommit bad : change.bad()) {
                if (client.checkExists().forPath(paths.badCommit(bad.commit())) == null) {
                    ops.add(client.transactionOp().create().forPath(paths.badCommit(bad.commit()), documents.bad(bad)));
                }
            }
            try {
                client.transaction().forOperations(ops);
                return Outcome.done();
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
                return Outcome.failed("the rollout changed since it was read: another leader wrote it");
            } catch (KeeperException.NoNodeException e) {
                return Outcome.failed(host + " lost its leadership (its latch node " + ours + " is gone)");
            }
        });
    }

    private List<CuratorOp> rolloutOps(FleetChange change) throws Exception {
        int expected = change.expectedVersion();
        if (change.rollout().isPresent()) {
            byte[] data = documents.rollout(change.rollout().get());
            return List.of(expected < 0
                    ? client.transactionOp().create().forPath(paths.rollout(), data)
                    : client.transactionOp().setData().withVersion(expected).forPath(paths.rollout(), data));
        }
        if (expected >= 0) {
            return List.of(client.transactionOp().check().withVersion(expected).forPath(paths.rollout()));
        }
        return List.of();
    }

    private CuratorOp put(String path, byte[] data) throws Exception {
        return client.checkExists().forPath(path) == null
                ? client.transactionOp().create().forPath(path, data)
                : client.transactionOp().setData().forPath(path, data);
    }

    private void ensure(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            // Already there: parents are never removed.
        }
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private Optional<byte[]> read(String path) {
        return call("read " + path, () -> {
            try {
                return Optional.of(client.getData().forPath(path));
            } catch (KeeperException.NoNodeException e) {
                return Optional.<byte[]>empty();
            }
        });
    }

    /** Runs a ZooKeeper call; connection trouble becomes the domain's "cannot answer now". */
    private <T> T call(String what, Work<T> work) {
        try {
            return work.run();
        } catch (KeeperException e) {
            throw new CoordinationUnavailableException("cannot " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationUnavailableException("interrupted while trying to " + what, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CoordinationUnavailableException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

}
