package io.standby.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replaces a file so that a reader (nginx, HAProxy, PHP, the agent after a crash) sees the old content or the new,
 * never half of it, and the new survives a power cut once the call returns: a temporary file in the same directory,
 * written and flushed to disk, renamed over the target, then the directory flushed so that the rename is on disk too.
 * One writer per file at a time, as the agent lock and the routers see to: two would share the temporary file.
 */
public final class AtomicFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFile() {
    }

    /**
     * Creates or replaces the file at this path with these permissions. A symlink at the path is replaced by the
     * file, not followed: the caller owns the path, whatever was there before.
     */
    public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        stage(file.toAbsolutePath(), content, permissions, Optional.empty(), warning -> { }).commit();
    }

    /**
     * Replaces the content of an existing file, keeping its permissions, owner and group; through a symlink the file
     * it names is replaced and the link kept, since an operator's config is often linked from elsewhere. Only root
     * may give a file away: when the owner cannot be kept, the warning says so and the file is replaced regardless.
     */
    public static void replace(Path file, byte[] content, Consumer<String> warnings) throws IOException {
        stageReplacement(file, content, warnings).commit();
    }

    /** Like {@link #replace}, but stops before the rename, so that the new content can be checked where it will live. */
    public static StagedFile stageReplacement(Path file, byte[] content, Consumer<String> warnings) throws IOException {
        Path target = file.toRealPath();
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        Optional<PosixFileAttributes> before = view == null ? Optional.empty() : Optional.of(view.readAttributes());
        return stage(target, content, before.map(PosixFileAttributes::permissions).orElse(null), before, warnings);
    }

    /** Removes a file durably; true if it existed. */
    public static boolean delete(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        if (existed) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
        return existed;
    }

    private static StagedFile stage(Path target, byte[] content, Set<PosixFilePermission> permissions,
                                    Optional<PosixFileAttributes> owner, Consumer<String> warnings) throws IOException {
        // One name per target: what a crash leaves there is overwritten by the next write, not left to pile up.
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        FileChannel channel = open(temp);
        try {
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view != null && permissions != null) {
                view.setPermissions(permissions);
            }
            if (view != null && owner.isPresent()) {
                keepOwner(view, owner.get(), target, warnings);
            }
            return new StagedFile(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    // Readable by its owner only while it is written: its permissions are set once the content is complete.
    private static FileChannel open(Path temp) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        boolean posix = temp.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : FileChannel.open(temp, options);
    }

    // The group first: once the file is given away, its group can no longer be changed.
    private static void keepOwner(PosixFileAttributeView view, PosixFileAttributes original, Path target,
                                  Consumer<String> warnings) throws IOException {
        PosixFileAttributes now = view.readAttributes();
        GroupPrincipal group = original.group();
        UserPrincipal user = original.owner();
        try {
            if (!now.group().equals(group)) {
                view.setGroup(group);
            }
            if (!now.owner().equals(user)) {
                view.setOwner(user);
            }
        } catch (IOException e) {
            warnings.accept("could not keep the owner " + user.getName() + ":" + group.getName() + " of " + target
                    + " (" + e.getMessage() + "); the new file belongs to the agent's user, with the same permissions");
        }
    }

    // Some file systems refuse to open or flush a directory; the rename has happened then, only its durability is lost.
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // best effort, see above
        }
    }

    static void deleteQuietly(Path temp, Exception cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
