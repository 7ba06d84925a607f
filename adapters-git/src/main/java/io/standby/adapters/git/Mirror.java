package io.standby.adapters.git;

import io.standby.os.FileTrees;
import io.standby.domain.model.Durations;
import io.standby.domain.model.Revision;
import io.standby.domain.port.out.SourceUnavailableException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PackLock;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local bare copy of the followed branch: created once, then brought up to date by incremental fetches, so a
 * release costs the new objects only, never a fresh clone.
 *
 * <p>A poll asks the server for the branch's head first (one ref, one round trip) and fetches on the same
 * connection only when the head moved. The mirror stays open between polls: opening it reads its pack indexes,
 * whose size follows the history, not the change. Should it break, it is opened anew at the next use.
 */
final class Mirror {

    private static final Logger log = LoggerFactory.getLogger(Mirror.class);
    private static final String HEADS = "refs/heads/";
    private static final Set<RefUpdate.Result> UPDATED = EnumSet.of(RefUpdate.Result.NEW, RefUpdate.Result.FORCED,
            RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.NO_CHANGE);

    private final GitSettings settings;
    private final Path directory;
    private final String branchRef;
    private final PublicUrl url;
    private final FetchFailures failures;
    // One fetch at a time: concurrent fetches would race for the branch's ref lock in the mirror.
    private final ReentrantLock fetchLock = new ReentrantLock();
    private volatile long fetchStartedNanos;
    // Guarded by this: the open mirror, kept from one use to the next.
    private Repository opened;
    // Guarded by fetchLock: the source, when it is a repository on this machine (known once it exists).
    private Optional<LocalServer> local = Optional.empty();

    Mirror(GitSettings settings, FetchFailures failures) {
        this.settings = settings;
        this.directory = settings.mirror().toAbsolutePath().normalize();
        this.branchRef = HEADS + settings.branch();
        this.url = settings.publicUrl();
        this.failures = failures;
    }

    /** A look into the mirror's object database. */
    @FunctionalInterface
    interface Reading<T> {
        T from(Repository repository) throws IOException;
    }

    /** Fetches the followed branch and returns its head. */
    Revision fetch() {
        acquireFetchLock();
        fetchStartedNanos = System.nanoTime();
        try {
            return Commits.revision(fetchInto(openOrCreate()));
        } catch (IOException e) {
            forget();
            throw failures.mirrorBroken(directory, e);
        } finally {
            fetchLock.unlock();
        }
    }

    /**
     * Waits at most the network timeout for a fetch already under way. JGit cannot time out a read over git://
     * (it interrupts the thread, which JDK sockets ignore), so a hung fetch must not block every later caller.
     */
    private void acquireFetchLock() {
        try {
            if (fetchLock.tryLock(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while waiting to fetch branch '" + settings.branch()
                    + "' from " + url, e);
        }
        Duration running = Duration.ofNanos(System.nanoTime() - fetchStartedNanos);
        throw new SourceUnavailableException("another fetch of branch '" + settings.branch() + "' from " + url
                + " has been running for " + Durations.human(running) + ": try again when it ends. If it never does, the"
                + " server stopped answering mid-transfer; git:// connections cannot time out, so prefer https or"
                + " ssh, which do, and restart Standby");
    }

    /** Reads from the mirror as it is, without fetching; empty if there is no mirror yet or the reading finds nothing. */
    <T> Optional<T> read(Reading<T> reading) {
        if (!exists()) {
            forget();
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(reading.from(open()));
        } catch (IOException e) {
            forget();
            throw failures.mirrorBroken(directory, e);
        }
    }

    private RevCommit fetchInto(Repository repository) throws IOException {
        Optional<ObjectId> before = head(repository);
        long started = System.nanoTime();
        try (Transport transport = authenticated(transport(repository));
             FetchConnection connection = transport.openFetch(List.of(new RefSpec(branchRef)))) {
            Ref advertised = connection.getRef(branchRef);
            if (advertised == null) {
                throw notAdvertised(before);
            }
            ObjectId wanted = advertised.getObjectId();
            if (!before.map(wanted::equals).orElse(false)) {
                // Only a copy that was just walked whole may stand in for the fetch. A commit merely present is not
                // enough: a copy taken while a push was writing can hold the commit without its tree.
                boolean whole = before.isEmpty() && local.isPresent() && copyFromThisMachine(repository, local.get(), wanted);
                if (!whole) {
                    // The mirror's refs go along as what it has: the server sends only what is new. The new pack is
                    // kept locked until the branch points into it, so that no gc can take it as garbage before.
                    connection.setPackLockMessage("standby fetch of branch " + settings.branch());
                    connection.fetch(NullProgressMonitor.INSTANCE, List.of(advertised), Set.of());
                }
                point(repository, before, wanted, connection.getPackLocks());
            }
        } catch (URISyntaxException | NotSupportedException e) {
            throw failures.unreachable(new InvalidRemoteException(
                    MessageFormat.format(JGitText.get().invalidRemote, settings.repository()), e));
        } catch (TransportException e) {
            local.ifPresent(LocalServer::forget);
            throw failures.unreachable(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ObjectId after = head(repository).orElseThrow(() -> new SourceUnavailableException("branch '"
                + settings.branch() + "' vanished from the mirror at " + directory + " right after a fetch:"
                + " is another program writing to it? Give Standby a mirror directory of its own"));
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit head = walk.parseCommit(after);
            report(walk, before, head, took);
            return head;
        }
    }

    /**
     * The first mirror of a repository on this machine: a copy of its objects. Whether it holds the wanted head's
     * history whole: the copy holds whatever the source held, so the head and its tree being there say so.
     */
    private boolean copyFromThisMachine(Repository repository, LocalServer source, ObjectId wanted) throws IOException {
        long started = System.nanoTime();
        if (!source.copyObjectsInto(directory.resolve("objects"))) {
            log.info("{} borrows objects from another repository (objects/info/alternates): fetching them instead"
                    + " of copying", url);
            return false;
        }
        boolean whole = connected(repository, wanted);
        log.info("copied the objects of {} into the mirror ({} ms){}", url, Duration.ofNanos(System.nanoTime() - started)
                .toMillis(), whole ? "" : "; its head is not among them: fetching it");
        return whole;
    }

    /**
     * Whether every object the head's history needs is in the mirror: a copy taken while a push was writing into the
     * source can hold a commit without its tree or blobs, and only a walk of all of them tells.
     */
    private static boolean connected(Repository repository, ObjectId head) throws IOException {
        try (ObjectWalk walk = new ObjectWalk(repository)) {
            walk.markStart(walk.parseAny(head));
            while (walk.next() != null) {
                // Parsing each commit is the check.
            }
            RevObject object;
            while ((object = walk.nextObject()) != null) {
                if (!repository.getObjectDatabase().has(object)) {
                    return false;
                }
            }
            return true;
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return false;
        }
    }

    /**
     * Moves the mirror's branch to the fetched head, as git fetch with a + refspec does, then releases the new
     * packs, which stay locked until a ref makes their objects reachable.
     */
    private void point(Repository repository, Optional<ObjectId> before, ObjectId head, Collection<PackLock> locks)
            throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RefUpdate update = repository.updateRef(branchRef);
            update.setExpectedOldObjectId(before.orElse(ObjectId.zeroId()));
            update.setNewObjectId(head);
            update.setForceUpdate(true);
            update.setRefLogMessage("fetch from " + url, true);
            RefUpdate.Result result = update.update(walk);
            if (!UPDATED.contains(result)) {
                throw new IOException("cannot move " + branchRef + " to " + head.name() + ": " + result);
            }
        } finally {
            for (PackLock lock : locks) {
                lock.unlock();
            }
        }
    }

    private void report(RevWalk walk, Optional<ObjectId> before, RevCommit head, Duration took) throws IOException {
        String now = head.abbreviate(7).name();
        if (before.isEmpty()) {
            log.info("mirrored branch '{}' of {} into {}: head {} ({} ms, first fetch)",
                    settings.branch(), url, directory, now, took.toMillis());
        } else if (before.get().equals(head)) {
            log.debug("branch '{}' of {} is still at {} ({} ms)", settings.branch(), url, now, took.toMillis());
        } else if (descends(walk, head, before.get())) {
            log.info("fetched branch '{}' of {}: {}..{} ({} ms)",
                    settings.branch(), url, before.get().abbreviate(7).name(), now, took.toMillis());
        } else {
            log.warn("branch '{}' of {} was force-pushed: the new head {} does not descend from the previous head {};"
                            + " following the new head (the mirror keeps the old commits) ({} ms)",
                    settings.branch(), url, now, before.get().abbreviate(7).name(), took.toMillis());
        }
    }

    private static boolean descends(RevWalk walk, RevCommit head, ObjectId previous) throws IOException {
        return walk.isMergedInto(walk.parseCommit(previous), head);
    }

    private SourceUnavailableException notAdvertised(Optional<ObjectId> before) {
        // The server answered without our branch: only the list of all its refs says whether it is empty or lacks it.
        Collection<Ref> refs;
        try {
            refs = authenticated(Git.lsRemoteRepository()).setRemote(settings.repository()).call();
        } catch (GitAPIException | JGitInternalException e) {
            return failures.unreachable(e);
        }
        if (refs.isEmpty()) {
            return failures.empty();
        }
        List<String> branches = refs.stream().map(Ref::getName).filter(name -> name.startsWith(HEADS))
                .map(name -> name.substring(HEADS.length())).sorted().toList();
        return failures.branchMissing(before, branches);
    }

    /** To the repository: served from within the agent if it is on this machine, else through JGit's transports. */
    private Transport transport(Repository repository) throws URISyntaxException, NotSupportedException, TransportException {
        if (local.isEmpty()) {
            local = LocalServer.forUrl(settings.repository());
        }
        return local.isPresent() ? local.get().transport(repository, settings.repository())
                : Transport.open(repository, settings.repository());
    }

    private Transport authenticated(Transport transport) {
        transport.setTimeout(settings.timeoutSeconds());
        transport.setTagOpt(TagOpt.NO_TAGS);
        settings.username().ifPresent(user -> transport.setCredentialsProvider(
                new UsernamePasswordCredentialsProvider(user, settings.secret().orElse(""))));
        return transport;
    }

    private <C extends TransportCommand<C, ?>> C authenticated(C command) {
        command.setTimeout(settings.timeoutSeconds());
        settings.username().ifPresent(user -> command.setCredentialsProvider(
                new UsernamePasswordCredentialsProvider(user, settings.secret().orElse(""))));
        return command;
    }

    private Optional<ObjectId> head(Repository repository) throws IOException {
        return Optional.ofNullable(repository.exactRef(branchRef)).map(Ref::getObjectId);
    }

    private boolean exists() {
        return RepositoryCache.FileKey.isGitRepository(directory.toFile(), FS.DETECTED);
    }

    /** The open mirror, opened now if it is not yet or no longer. */
    private synchronized Repository open() throws IOException {
        if (opened == null) {
            opened = new FileRepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
        }
        return opened;
    }

    /** Closes the open mirror, if any, so that the next use opens it anew. */
    private synchronized void forget() {
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }

    private Repository openOrCreate() throws IOException {
        if (!exists()) {
            forget();
            create();
        }
        return open();
    }

    /** Creates the empty mirror beside its final place and renames it there, so it is never half-made. */
    private void create() throws IOException {
        if (Files.exists(directory) && !FileTrees.isEmpty(directory)) {
            throw new SourceUnavailableException("the mirror directory " + directory + " exists but is not a git"
                    + " repository: move it away or give Standby another mirror directory; Standby creates the"
                    + " mirror there with one full fetch");
        }
        Path parent = Files.createDirectories(directory.getParent());
        Path staging = Files.createTempDirectory(parent, "." + directory.getFileName() + ".init-");
        try {
            try (Git git = Git.init().setBare(true).setDirectory(staging.toFile())
                    .setInitialBranch(settings.branch()).call()) {
                StoredConfig config = git.getRepository().getConfig();
                // A reflog keeps every head the branch ever had reachable, so a force-push upstream cannot let a
                // future gc take the commit of a release that is still deployed.
                config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null,
                        ConfigConstants.CONFIG_KEY_LOGALLREFUPDATES, true);
                config.save();
            } catch (GitAPIException e) {
                throw new IOException("git init failed: " + e.getMessage(), e);
            }
            Files.deleteIfExists(directory);
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            log.info("created the git mirror {} for branch '{}' of {}", directory, settings.branch(), url);
        } finally {
            if (Files.exists(staging)) {
                FileTrees.deleteRecursively(staging);
            }
        }
    }
}
