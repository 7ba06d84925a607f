package io.standby.app.state;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Role;
import io.standby.domain.port.out.ReleaseWorkspace;
import io.standby.os.AtomicFile;
import io.standby.os.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Release directories under one root, and their logs under the state directory. Each release carries the part it
 * plays ({@code STANDBY_ROLE}) and links to the shared files that outlive it; its {@code REVISION} file comes with
 * the export.
 */
public final class FileSystemWorkspace implements ReleaseWorkspace {

    /** The file in each release that says whether it is the candidate, live, or draining. */
    public static final String ROLE_FILE = "STANDBY_ROLE";

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemWorkspace.class);

    private final Path root;
    private final Path logs;
    private final SharedPaths shared;
    // The service reads it, and may run as another user of the agent's group.
    private static final Set<PosixFilePermission> ROLE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    public FileSystemWorkspace(Path root, Path logs, SharedPaths shared) {
        this.root = root.toAbsolutePath().normalize();
        this.logs = logs.toAbsolutePath().normalize();
        this.shared = new SharedPaths(shared.root().toAbsolutePath().normalize(), shared.files(), shared.dirs());
    }

    @Override
    public Path directoryOf(ReleaseId id) {
        Path dir = root.resolve(id.value()).normalize();
        // ReleaseId's format already forbids separators; this guards the invariant should that ever change.
        if (!dir.getParent().equals(root)) {
            throw new IllegalArgumentException("release id " + id + " would leave the releases root " + root);
        }
        return dir;
    }

    @Override
    public boolean exists(ReleaseId id) {
        return Files.isDirectory(directoryOf(id));
    }

    /**
     * The first shared file that is not there yet, in the words a release that needs it fails with; empty when all are.
     * check-config asks it too, so that the operator learns it before the first release does.
     */
    public Optional<String> missingSharedFile() {
        for (Path path : shared.files()) {
            Path kept = shared.root().resolve(path);
            if (!Files.isRegularFile(kept)) {
                return Optional.of("the shared file " + path + " is missing: create " + kept + " (every release links"
                        + " to it, so it is kept across releases), or remove it from shared.files");
            }
        }
        return Optional.empty();
    }

    @Override
    public Outcome prepare(Release release) {
        Path dir = directoryOf(release.id());
        try {
            // Everything that is there is linked first: a release that fails on a missing file is as complete as can
            // be for its after-failure hook, which runs in it.
            for (Path path : shared.dirs()) {
                Path kept = shared.root().resolve(path);
                StateFiles.ensureDirectory(kept);
                link(dir.resolve(path), kept);
            }
            for (Path path : shared.files()) {
                Path kept = shared.root().resolve(path);
                if (Files.isRegularFile(kept)) {
                    link(dir.resolve(path), kept);
                }
            }
            Optional<String> missing = missingSharedFile();
            return missing.isPresent() ? Outcome.failed(missing.get()) : Outcome.done();
        } catch (IOException | UncheckedIOException e) {
            return Outcome.failed("cannot prepare " + dir + ": " + e.getMessage()
                    + "; check that the agent's user may write there and in " + shared.root());
        }
    }

    /**
     * Into the directory the release runs from: under the releases root for Standby's own, the hand-made deployment's
     * own directory for an adopted instance, whose processes read the file there too.
     */
    @Override
    public Outcome mark(Release release, Role role) {
        Path file = release.directory().resolve(ROLE_FILE);
        try {
            AtomicFile.write(file, (role.word() + "\n").getBytes(StandardCharsets.US_ASCII), ROLE_MODE);
            return Outcome.done();
        } catch (IOException e) {
            return Outcome.failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** What the commit brought at a shared path gives way to the link: the kept copy is what counts. */
    private static void link(Path inRelease, Path kept) throws IOException {
        Files.createDirectories(inRelease.getParent());
        if (Files.isDirectory(inRelease, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(inRelease);
        } else {
            Files.deleteIfExists(inRelease);
        }
        Files.createSymbolicLink(inRelease, kept);
    }

    @Override
    public void remove(Release release) {
        Path dir = directoryOf(release.id());
        deleteTree(dir);
        try {
            Files.deleteIfExists(logs.resolve(release.id().value() + ".log"));
        } catch (IOException e) {
            LOG.warn("could not delete the log of {}: {}", release, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old release " + dir + ": " + e.getMessage(), e);
        }
    }
}
