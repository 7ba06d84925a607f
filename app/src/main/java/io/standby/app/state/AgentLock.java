package io.standby.app.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One agent per application: an OS file lock on {@code agent.lock}. The kernel drops it when the holder
 * dies, however it dies, so a stale lock never needs clearing by hand.
 */
public final class AgentLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private AgentLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or explains who holds it. */
    public static AgentLock acquire(Path stateDir, String purpose) {
        Path file = stateDir.resolve("agent.lock");
        try {
            StateFiles.ensureDirectory(stateDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new LockHeldException("another Standby agent is already working on this application ("
                        + (holder.isEmpty() ? "holder unknown" : holder) + "); wait for it to finish, or stop it first: kill "
                        + holder.replaceAll("^pid (\\d+).*$", "$1"));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " (" + purpose + ")\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new AgentLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the agent lock " + file + " (" + IoFailures.describe(e)
                    + "): make state-dir " + stateDir + " a directory the agent's user may write, or point state-dir elsewhere", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the kernel releases it when the process exits anyway
        }
    }

    /** Another agent holds the lock. */
    public static final class LockHeldException extends RuntimeException {
        public LockHeldException(String message) {
            super(message);
        }
    }
}
