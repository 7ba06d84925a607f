package io.standby.app.wiring;

import com.google.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * What works beside the releases: the HTTP listener, the senders of notifications. {@code run} starts it and closes it
 * when it stops; {@code deploy} and {@code rollback} only close it, so that their notices go out before they exit.
 */
public final class Background implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    /** One such piece of work; closing one that never started does nothing harmful. */
    interface Part extends AutoCloseable {

        default void start() throws IOException {
        }

        @Override
        void close();
    }

    private final List<Part> parts;

    @Inject
    Background(Set<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Starts every part, in the order the modules bound them. */
    public void start() throws IOException {
        for (Part part : parts) {
            part.start();
        }
    }

    /**
     * Closes every part in the same order: the listener takes no more pushes, then waiting notices go out. One that
     * fails to close does not keep the others open.
     */
    @Override
    public void close() {
        for (Part part : parts) {
            try {
                part.close();
            } catch (RuntimeException e) {
                LOG.warn("could not close {}: {}", part, e.toString());
            }
        }
    }
}
