package io.standby.app.state;

import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.port.out.ReleaseWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Release directories under one root, and their logs under the state directory. */
public final class FileSystemWorkspace implements ReleaseWorkspace {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemWorkspace.class);

    private final Path root;
    private final Path logs;

    public FileSystemWorkspace(Path root, Path logs) {
        this.root = root.toAbsolutePath().normalize();
        this.logs = logs.toAbsolutePath().normalize();
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
        if (Files.notExists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old release " + dir + ": " + e.getMessage(), e);
        }
    }
}
