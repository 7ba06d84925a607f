package io.standby.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A test's own ground: a fresh directory, and everything the test started there (servers, daemons, agents), stopped
 * by PID when the test ends, pass or fail, last started first, before the directory is deleted.
 *
 * <pre>{@code @RegisterExtension final Scratch scratch = new Scratch();}</pre>
 *
 * What a {@code @BeforeAll} method owns (in a {@code PER_CLASS} test) lives until the class is done; what a test owns,
 * until that test is done.
 */
public final class Scratch implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    // An agent asked to stop may be finishing a release: SIGTERM gets this long before SIGKILL.
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Deque<Frame> frames = new ArrayDeque<>();

    /** The directory of the running test (or of the class, in {@code @BeforeAll}), created on first use. */
    public Path dir() {
        return frame().dir();
    }

    /** Closes the resource when the test (or class) ends; returns it. */
    public <T extends AutoCloseable> T own(T resource) {
        frame().owned.push(resource);
        return resource;
    }

    /** Stops the process and everything under it when the test ends: SIGTERM, then SIGKILL after a grace period. */
    public Process own(Process process) {
        frame().owned.push(() -> Pids.stop(process, GRACE));
        return process;
    }

    /** Kills the process (a daemon, not a child of the test) and everything under it by PID when the test ends. */
    public void ownPid(long pid) {
        frame().owned.push(() -> Pids.killTree(pid));
    }

    /**
     * Kills whatever holds a file under the directory now. For a test that detaches something before the end, such as
     * a mount: once detached, a daemon's open files no longer show under the test's directory, and the sweep at the
     * end could not find it.
     */
    public void killHolders(Path dir) {
        Frame.killLeftovers(dir);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        frames.push(new Frame());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        frames.push(new Frame());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        frames.pop().close();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!frames.isEmpty()) {
            frames.pop().close();
        }
    }

    private Frame frame() {
        if (frames.isEmpty()) {
            throw new IllegalStateException("no test is running: register Scratch with @RegisterExtension and use it in a test,"
                    + " @BeforeEach or @BeforeAll (@BeforeAll needs a static field or @TestInstance(PER_CLASS))");
        }
        return frames.peek();
    }

    /** One test's (or class's) directory and what it owns. */
    private static final class Frame implements AutoCloseable {

        private final Deque<AutoCloseable> owned = new ArrayDeque<>();
        private Optional<Path> dir = Optional.empty();

        Path dir() {
            if (dir.isEmpty()) {
                try {
                    dir = Optional.of(Files.createTempDirectory("standby-test-").toRealPath());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return dir.get();
        }

        /** Closes everything, even when one fails, then deletes the directory; the first failure is thrown. */
        @Override
        public void close() throws Exception {
            List<Exception> failures = new ArrayList<>();
            while (!owned.isEmpty()) {
                try {
                    owned.pop().close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
            if (dir.isPresent()) {
                try {
                    killLeftovers(dir.get());
                    delete(dir.get());
                } catch (IOException | UncheckedIOException e) {
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                Exception first = failures.get(0);
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                throw first;
            }
        }

        /**
         * Whatever still holds a file under the directory once everything owned is closed was never handed to the
         * scratch: a daemon the agent left behind. It is killed and named, so that no test leaves a server running.
         */
        private static void killLeftovers(Path top) {
            // A manager may fork a worker while its siblings die: a few rounds until nothing holds the directory.
            for (int round = 0; round < 5; round++) {
                List<ProcessHandle> holders = Holders.of(top).stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
                if (holders.isEmpty()) {
                    return;
                }
                for (ProcessHandle process : holders) {
                    System.err.println("scratch: killing pid " + process.pid() + " (" + process.info().command().orElse("?")
                            + "), still holding a file under " + top + " after the test");
                    process.destroyForcibly();
                }
                for (ProcessHandle process : holders) {
                    try {
                        process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        // Asked again in the next round.
                    }
                }
            }
        }

        /** Deletes the tree, deepest first, links not followed; a file a server removed meanwhile is already gone. */
        private static void delete(Path top) throws IOException {
            List<Path> deepestFirst;
            try (Stream<Path> tree = Files.walk(top)) {
                deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        }
    }
}
