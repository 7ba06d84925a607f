package io.standby.os;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** New content written and flushed beside its target, waiting for the one rename that puts it in place. */
public final class StagedFile {

    private final Path path;
    private final Path target;
    private boolean committed;

    StagedFile(Path path, Path target) {
        this.path = path;
        this.target = target;
    }

    /** Where the new content is until it is committed: in the target's directory, so relative paths resolve alike. */
    public Path path() {
        return path;
    }

    /** The file it replaces (a symlink already resolved). */
    public Path target() {
        return target;
    }

    /** Renames it over the target and makes the rename durable; if the rename fails, the staged file is removed. */
    public void commit() throws IOException {
        try {
            try {
                Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // The same directory, so a plain rename still; only a file system that cannot say so ends here.
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            AtomicFile.deleteQuietly(path, e);
            throw e;
        }
        committed = true;
        AtomicFile.syncDirectory(target.getParent());
    }

    /** Removes it, leaving the target as it was; nothing happens once committed. */
    public void discard() throws IOException {
        // Once committed, the name may already hold the next write's staged content.
        if (!committed) {
            Files.deleteIfExists(path);
        }
    }
}
