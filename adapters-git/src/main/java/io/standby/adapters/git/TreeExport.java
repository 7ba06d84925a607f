package io.standby.adapters.git;

import io.standby.os.FileTrees;
import io.standby.domain.port.out.SourceUnavailableException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one commit's files into a new release directory, straight from the object database.
 *
 * <p>The files go into a hidden sibling first and the sibling is renamed at the end, so the release directory
 * appears whole or not at all, even if the agent dies half-way.
 */
final class TreeExport {

    /** Names the commit a release was built from, as Capistrano does. */
    static final String REVISION_FILE = "REVISION";

    private static final Logger log = LoggerFactory.getLogger(TreeExport.class);
    // Links are short; a huge "link" blob is a malformed or hostile tree.
    private static final int MAX_LINK_TARGET = 4096;
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private final Repository repository;
    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    TreeExport(Repository repository) {
        this.repository = repository;
    }

    /** Refuses a release directory that already holds something: a release is never written over another. */
    static void requireVacant(Path directory) {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(directory)) {
            throw new SourceUnavailableException("release directory " + directory + " already exists and is not"
                    + " empty: Standby writes each release into a new directory; remove or rename it");
        }
    }

    /** Writes the commit's tree and a REVISION file into the directory; returns the number of entries written. */
    int write(RevCommit commit, Path directory) {
        Path target = directory.toAbsolutePath().normalize();
        requireVacant(target);
        Path staging = null;
        try {
            List<Entry> entries = entries(commit);
            Path parent = Files.createDirectories(target.getParent());
            removeLeftovers(parent, target);
            staging = Files.createTempDirectory(parent, stagingPrefix(target));
            permit(staging, DIRECTORY);
            try (ObjectReader reader = repository.newObjectReader()) {
                for (Entry entry : entries) {
                    writeEntry(reader, staging, entry);
                }
            }
            Files.writeString(staging.resolve(REVISION_FILE), commit.name() + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW);
            permit(staging.resolve(REVISION_FILE), REGULAR);
            // The caller may have made the directory, empty; Files.move refuses any existing target.
            Files.deleteIfExists(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
            return entries.size();
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot write commit " + commit.abbreviate(7).name() + " into "
                    + target + ": " + e + ". Check free disk space and the permissions of " + target.getParent(), e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    private List<Entry> entries(RevCommit commit) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> links = new HashMap<>();
        ObjectChecker checker = new ObjectChecker();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                checkPath(checker, commit, path);
                if (path.equals(REVISION_FILE)) {
                    log.warn("commit {} has its own {} file; the exported one names the commit instead",
                            commit.abbreviate(7).name(), REVISION_FILE);
                    continue;
                }
                int mode = walk.getRawMode(0);
                ObjectId id = walk.getObjectId(0);
                if (FileMode.SYMLINK.equals(mode)) {
                    links.put(path, linkTarget(walk.getObjectReader(), commit, path, id));
                }
                entries.add(new Entry(path, mode, id, links.get(path)));
            }
        }
        SymlinkTargets targets = new SymlinkTargets(links);
        targets.firstEscaping().ifPresent(link -> {
            throw new SourceUnavailableException("commit " + commit.abbreviate(7).name() + " has a symbolic link '"
                    + link + "' -> '" + links.get(link) + "' that points outside the release directory, which"
                    + " Standby refuses to export: make the link relative and inside the repository, or replace it"
                    + " with a file");
        });
        return entries;
    }

    private static void checkPath(ObjectChecker checker, RevCommit commit, String path) {
        try {
            // Rejects "..", ".git" and friends: a hand-crafted tree could otherwise write outside the release.
            checker.checkPath(path);
        } catch (CorruptObjectException e) {
            throw new SourceUnavailableException("commit " + commit.abbreviate(7).name() + " has a file path '"
                    + path + "' that is unsafe to write (" + e.getMessage() + "): Standby refuses to export it;"
                    + " rename the file in the repository", e);
        }
    }

    private static String linkTarget(ObjectReader reader, RevCommit commit, String path, ObjectId id)
            throws IOException {
        byte[] target = reader.open(id, Constants.OBJ_BLOB).getCachedBytes(MAX_LINK_TARGET);
        String text = new String(target, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            throw new SourceUnavailableException("commit " + commit.abbreviate(7).name() + " has a symbolic link '"
                    + path + "' with an empty target: fix the link in the repository");
        }
        return text;
    }

    private void permit(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static String stagingPrefix(Path target) {
        return "." + target.getFileName() + ".partial-";
    }

    /** Half-written siblings left by an agent that died during an earlier export of the same release. */
    private static void removeLeftovers(Path parent, Path target) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, stagingPrefix(target) + "*")) {
            for (Path leftover : leftovers) {
                log.info("removing {}, left half-written by an interrupted export", leftover);
                deleteQuietly(leftover);
            }
        }
    }

    private static boolean isEmptyDirectory(Path directory) {
        try {
            return FileTrees.isEmpty(directory);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            FileTrees.deleteRecursively(root);
        } catch (IOException e) {
            log.warn("could not remove {}: {}; remove it by hand", root, e.toString());
        }
    }

    private void writeEntry(ObjectReader reader, Path root, Entry entry) throws IOException {
        // Safe to resolve: checkPath refused absolute paths and "..", and no parent can be a link (names are unique).
        Path path = root.resolve(entry.path());
        Files.createDirectories(path.getParent());
        if (FileMode.REGULAR_FILE.equals(entry.mode()) || FileMode.EXECUTABLE_FILE.equals(entry.mode())) {
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
                reader.open(entry.id(), Constants.OBJ_BLOB).copyTo(out);
            }
            permit(path, FileMode.EXECUTABLE_FILE.equals(entry.mode()) ? EXECUTABLE : REGULAR);
        } else if (FileMode.SYMLINK.equals(entry.mode())) {
            Files.createSymbolicLink(path, path.getFileSystem().getPath(entry.linkTarget()));
        } else if (FileMode.GITLINK.equals(entry.mode())) {
            Files.createDirectories(path);
            log.warn("submodule {} is exported as an empty directory: Standby exports the repository's own files"
                    + " only; vendor the submodule's files or install them in the install step", entry.path());
        } else {
            log.warn("skipping {}: git mode {} is neither a file, a link nor a submodule",
                    entry.path(), Integer.toOctalString(entry.mode()));
        }
    }

    /** One path of the tree and what to write there. */
    private record Entry(String path, int mode, ObjectId id, String linkTarget) {
    }
}
