package io.standby.app.state;

import io.standby.os.AtomicFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The state directory's files: written so that they survive a crash at any instant (a reader sees the old content
 * or the new, never half of it), readable by the owner's group and by nobody else, since they name paths and commits.
 */
public final class StateFiles {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r-----");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-x---");

    /** Replaces the file's content atomically and durably. */
    public void write(Path file, byte[] content) {
        try {
            ensureDirectory(file.toAbsolutePath().getParent());
            AtomicFile.write(file, content, FILE_MODE);
        } catch (IOException e) {
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
            AtomicFile.delete(file);
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

    private static UncheckedIOException failure(Path file, IOException e) {
        String cause = IoFailures.describe(e);
        String fix = cause.contains("No space left") ? "free disk space on that file system"
                : "check that the state directory exists and that the agent's user may write to it";
        return new UncheckedIOException("cannot write " + file + " (" + cause + "): " + fix, e);
    }
}
