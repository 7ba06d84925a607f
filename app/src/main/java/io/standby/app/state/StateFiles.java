package io.standby.app.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes that survive a crash at any instant: a reader sees the old content or the new, never half of it.
 * Files are readable by the owner's group and by nobody else, since they name paths and commits.
 */
public final class AtomicFiles {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r-----");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-x---");

    /** Replaces the file's content: temp file, fsync, rename, fsync of the directory. */
    public void write(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            ensureDirectory(dir);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(out, content);
                out.force(true);
            }
            Files.setPosixFilePermissions(temp, FILE_MODE);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure(file, e);
        }
    }

    /** Appends one record as a line, forced to disk before returning. */
    public void appendLine(Path file, byte[] line) {
        try {
            ensureDirectory(file.toAbsolutePath().getParent());
            boolean created = Files.notExists(file);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                byte[] withNewline = new byte[line.length + 1];
                System.arraycopy(line, 0, withNewline, 0, line.length);
                withNewline[line.length] = '\n';
                writeFully(out, withNewline);
                out.force(true);
            }
            if (created) {
                Files.setPosixFilePermissions(file, FILE_MODE);
            }
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    public void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                syncDirectory(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    public static void ensureDirectory(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    private static void writeFully(FileChannel out, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable; some file systems refuse to open a directory, and then the rename is all we get.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // best effort, see above
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the temp file is overwritten on the next write anyway
        }
    }

    private static UncheckedIOException failure(Path file, IOException e) {
        String cause = IoFailures.describe(e);
        String fix = cause.contains("No space left") ? "free disk space on that file system"
                : "check that the state directory exists and that the agent's user may write to it";
        return new UncheckedIOException("cannot write " + file + " (" + cause + "): " + fix, e);
    }
}
