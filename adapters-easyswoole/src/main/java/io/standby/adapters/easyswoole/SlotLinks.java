package io.standby.adapters.easyswoole;

import io.standby.domain.model.Slot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Function;

/**
 * One symbolic link per slot, {@code <slots-dir>/<slot>}, which the slot's supervisord program uses as its
 * {@code directory=}: pointing it at a release decides what the program's next start runs.
 */
final class SlotLinks {

    private final Function<Slot, Path> links;

    SlotLinks(Function<Slot, Path> links) {
        this.links = links;
    }

    Path of(Slot slot) {
        return links.apply(slot);
    }

    /**
     * Points the slot's link at the directory: a new link beside it, renamed over the old one, so that whoever
     * follows the link (supervisord spawning the program) sees the old release or the new one, never no link.
     */
    void point(Slot slot, Path directory) throws IOException {
        Path link = of(slot);
        Files.createDirectories(link.toAbsolutePath().getParent());
        if (Files.isDirectory(link) && !Files.isSymbolicLink(link)) {
            throw new IOException(link + " is a directory, not the link Standby keeps there; move it away");
        }
        Path fresh = link.resolveSibling("." + link.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        Files.createSymbolicLink(fresh, directory.toAbsolutePath().normalize());
        try {
            Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(fresh);
            throw e;
        }
    }

    /**
     * Removes the slot's link if it still points at the directory: a slot without a link has no release to run, so
     * a supervisord that starts its programs at boot (autostart) cannot start a release Standby has stopped.
     */
    void release(Slot slot, Path directory) throws IOException {
        if (target(slot).filter(directory.toAbsolutePath().normalize()::equals).isPresent()) {
            Files.deleteIfExists(of(slot));
        }
    }

    /** Where the slot's link points, as Standby wrote it; empty if there is no link. */
    Optional<Path> target(Slot slot) {
        try {
            return Optional.of(Files.readSymbolicLink(of(slot)));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
