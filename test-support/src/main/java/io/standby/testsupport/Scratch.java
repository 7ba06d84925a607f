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
