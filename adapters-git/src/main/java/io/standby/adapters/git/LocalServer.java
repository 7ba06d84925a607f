package io.standby.adapters.git;

import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BasePackFetchConnection;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PackTransport;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Serves a repository on this machine (a file:// URL or a path, such as the tutorial's bare repository) to the
 * mirror from within the agent, as JGit's own file:// transport does: its upload-pack on one side of a pipe, the
 * fetch on the other. Unlike that transport, which opens the source anew for every connection and so reads its
 * whole pack index each time (about 200 ms at 50,000 commits, for a fetch of one commit), it keeps the source open
 * between polls; it opens it anew after a failure. Pushes into the source are seen all the same: JGit reads refs
 * and looks for new packs on disk at each use.
 *
 * <p>And it speaks protocol v2, as git daemon and the hosting services do, where JGit's in-process transport speaks
 * v0: there JGit's negotiation, once the server has acknowledged the mirror's head, still walks every commit of the
 * mirror's history looking for one to offer, 50,000 of them to fetch one commit after 50,000. Over v2 the server
 * says "ready" after the first batch and the walk stops there.
 */
final class LocalServer {

    private static final Pattern LOOSE_DIRECTORY = Pattern.compile("[0-9a-f]{2}");

    private final File gitDir;
    // Guarded by this.
    private Repository source;

    private LocalServer(File gitDir) {
        this.gitDir = gitDir;
    }

    /** A server for the URL if it names a repository on this machine, by JGit's own rule for file:// transports. */
    static Optional<LocalServer> forUrl(String url) {
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean local = uri.getHost() == null && uri.getPort() <= 0 && uri.getUser() == null && uri.getPass() == null
                && uri.getPath() != null && (uri.getScheme() == null || "file".equals(uri.getScheme()));
        if (!local) {
            return Optional.empty();
        }
        File directory = FS.DETECTED.resolve(new File("."), uri.getPath()).getAbsoluteFile();
        File dotGit = new File(directory, Constants.DOT_GIT);
        File gitDir = dotGit.isDirectory() ? dotGit : directory;
        return RepositoryCache.FileKey.isGitRepository(gitDir, FS.DETECTED)
                ? Optional.of(new LocalServer(gitDir)) : Optional.empty();
    }

    /** A transport from the mirror to the source, served by the source kept open. */
    synchronized Transport transport(Repository mirror, String url) throws TransportException {
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new TransportException(e.getMessage(), e);
        }
        // Moved or deleted since: an open repository would go on answering from files that are gone.
        if (!RepositoryCache.FileKey.isGitRepository(gitDir, FS.DETECTED)) {
            forget();
            throw new NoRemoteRepositoryException(uri, "not found");
        }
        if (source == null) {
            try {
                source = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
            } catch (IOException e) {
                throw new TransportException(uri, "cannot open the repository " + gitDir + ": " + e.getMessage(), e);
            }
        }
        return new Served(mirror, uri, source);
    }

    /**
     * Copies the source's objects into the objects directory of a mirror that has none yet, as {@code git clone
     * --local} does, rather than have the whole history packed, sent and indexed again in Java: at 50,000 commits
     * that took three times the CPU of C git's clone. Packs first (each pack before its index, so that no reader sees
     * an index without its pack), then loose objects, then any pack made since: a gc in the source moves loose
     * objects into a new pack before it deletes them, and writes new packs before it deletes old ones, so every
     * object reaches the copy one way or the other. Objects are immutable and named by their hash, so one already in
     * the mirror is left alone. Copies nothing, and says so, when the source borrows objects from another repository
     * (objects/info/alternates): the fetch then brings them.
     */
    boolean copyObjectsInto(Path mirrorObjects) throws IOException {
        Path objects = gitDir.toPath().resolve("objects");
        if (Files.exists(objects.resolve("info/alternates"))) {
            return false;
        }
        Set<Path> copied = new HashSet<>();
        copyPacks(objects.resolve("pack"), mirrorObjects.resolve("pack"), copied);
        try (Stream<Path> fanOut = Files.list(objects)) {
            for (Path directory : fanOut.filter(d -> LOOSE_DIRECTORY.matcher(d.getFileName().toString()).matches()).toList()) {
                for (Path object : listed(directory)) {
                    copy(object, mirrorObjects.resolve(directory.getFileName()).resolve(object.getFileName()));
                }
            }
        }
        copyPacks(objects.resolve("pack"), mirrorObjects.resolve("pack"), copied);
        return true;
    }

    private static void copyPacks(Path from, Path to, Set<Path> copied) throws IOException {
        for (Path pack : listed(from)) {
            String name = pack.getFileName().toString();
            if (!name.endsWith(".pack") || !copied.add(pack)) {
                continue;
            }
            Path index = from.resolve(name.substring(0, name.length() - ".pack".length()) + ".idx");
            if (Files.exists(index) && copy(pack, to.resolve(name))) {
                copy(index, to.resolve(index.getFileName()));
            }
        }
    }

    /** Copies a file that is not at the target yet, through a temporary name; false if the source has gone since. */
    private static boolean copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            return true;
        }
        Files.createDirectories(to.getParent());
        // A name no reader of the object database takes for an object, a pack or an index.
        Path partial = to.resolveSibling(to.getFileName() + ".copying");
        try {
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // Packed or pruned by a gc in the source meanwhile: the packs listed afterwards have it.
            return false;
        }
        Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static List<Path> listed(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        }
    }

    /** Closes the source, so that the next transport opens it anew. */
    synchronized void forget() {
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private static final class Served extends Transport implements PackTransport {
        private final Repository source;

        Served(Repository mirror, URIish uri, Repository source) {
            super(mirror, uri);
            this.source = source;
        }

        @Override
        public FetchConnection openFetch() throws TransportException {
            return openFetch(List.of());
        }

        @Override
        public FetchConnection openFetch(Collection<RefSpec> refSpecs, String... additionalPatterns)
                throws TransportException {
            return new Connection(this, source, refSpecs, additionalPatterns);
        }

        @Override
        public PushConnection openPush() throws NotSupportedException {
            throw new NotSupportedException("Standby only fetches");
        }

        @Override
        public void close() {
            // The source stays open for the next poll; each connection ends its own server thread.
        }
    }

    /** One fetch: upload-pack on the source in a thread of its own, talking through a pair of pipes. */
    private static final class Connection extends BasePackFetchConnection {
        // Upload-pack ends when the fetch closes its end of the pipe: more than this means it hangs, and as a daemon
        // thread it cannot keep the agent from exiting.
        private static final long SERVER_END_MILLIS = 10_000;
        private final Thread server;

        Connection(PackTransport transport, Repository source, Collection<RefSpec> refSpecs, String... patterns)
                throws TransportException {
            super(transport);
            PipedInputStream fromServer = new PipedInputStream();
            // The fetch can write a long burst of wants and haves before it reads: a pipe smaller than JGit's
            // minimum client buffer would stall both ends.
            PipedInputStream toServer = new PipedInputStream(MIN_CLIENT_BUFFER);
            PipedOutputStream serverOut;
            PipedOutputStream clientOut;
            try {
                serverOut = new PipedOutputStream(fromServer);
                clientOut = new PipedOutputStream(toServer);
            } catch (IOException e) {
                throw new TransportException(uri, "cannot connect the pipes to the local upload-pack", e);
            }
            server = new Thread(() -> {
                try (toServer; serverOut) {
                    UploadPack uploadPack = new UploadPack(source);
                    uploadPack.setExtraParameters(List.of("version=2"));
                    uploadPack.upload(toServer, serverOut, null);
                } catch (IOException | RuntimeException e) {
                    // The fetch on the other end of the pipes fails and says why.
                }
            }, "standby-upload-pack");
            server.setDaemon(true);
            server.start();
            init(fromServer, clientOut);
            // Over v2 the server advertises its capabilities only: the refs are asked for, those of the refspecs.
            if (!readAdvertisedRefs()) {
                lsRefs(refSpecs, patterns);
            }
        }

        @Override
        public void close() {
            super.close();
            try {
                server.join(SERVER_END_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
