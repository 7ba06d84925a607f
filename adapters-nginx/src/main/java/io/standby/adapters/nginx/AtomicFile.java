package io.standby.adapters.nginx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file's content so that nginx, or a crash, never sees half of it: write a temporary file in the
 * same directory, flush it to disk, rename it over the target, flush the directory.
 */
final class AtomicFile {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {
    }

    /** Replaces an existing file, keeping its permissions, owner and group; a symlink's target is replaced. */
    static void replace(Path file, byte[] content) throws IOException {
        Path real = file.toRealPath();
        PosixFileAttributes before = Files.readAttributes(real, PosixFileAttributes.class);
        write(real, content, before.permissions(), before);
    }

    /** Creates or replaces a file readable by everyone (nginx's workers may run as another user). */
    static void create(Path file, byte[] content) throws IOException {
        write(file, content, NEW_FILE, null);
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> permissions,
                              PosixFileAttributes owner) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".standby");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temp, permissions);
            if (owner != null) {
                keepOwner(temp, owner);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void keepOwner(Path temp, PosixFileAttributes owner) {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        try {
            view.setOwner(owner.owner());
            view.setGroup(owner.group());
        } catch (IOException e) {
            // Only root may give a file away; the permissions are kept regardless.
            LOG.warn("could not keep owner {}:{} on {}: {}", owner.owner().getName(), owner.group().getName(),
                    temp.getParent(), e.getMessage());
        }
    }

    // The rename is only durable once the directory entry itself is on disk.
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Removes a file durably; true if it existed. */
    static boolean delete(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        syncDirectory(file.toAbsolutePath().getParent());
        return existed;
    }
}
