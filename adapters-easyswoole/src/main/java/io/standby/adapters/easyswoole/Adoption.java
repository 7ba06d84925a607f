package io.standby.adapters.easyswoole;

import io.standby.os.ProcFs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the directory of an instance nobody told Standby about, such as the tutorial's hand-started
 * {@code php easyswoole.php server start -d}. A Swoole daemon works in / under renamed titles, so its root is read
 * from what it still shows: its working directory (a foreground master keeps it), its environment's PWD (which
 * process renaming usually wipes), or a file it holds open inside the project, such as the Swoole log that its
 * stdout and stderr point to. Each candidate counts only if the directory holds the CLI entry script.
 */
final class Adoption {

    private static final Logger LOG = LoggerFactory.getLogger(Adoption.class);

    private final ProcFs proc;
    private final Instances instances;
    private final String entry;

    Adoption(ProcFs proc, Instances instances, String entry) {
        this.proc = proc;
        this.instances = instances;
        this.entry = entry;
    }

    /** The root of the instance serving on the port, and how it was found; empty if nothing there tells. */
    Optional<Path> rootOf(int port) {
        Instance instance = instances.of(Path.of("/nonexistent"), port);
        Set<Long> pids = new LinkedHashSet<>(instance.portHolders());
        pids.addAll(instance.processes());
        for (long pid : pids) {
            Optional<Path> found = projectAbove(proc.workingDirectory(pid));
            if (found.isPresent()) {
                return found(found.get(), pid, port, "working directory");
            }
            found = projectAbove(Optional.ofNullable(proc.environment(pid).get("PWD")).map(Path::of));
            if (found.isPresent()) {
                return found(found.get(), pid, port, "PWD variable");
            }
            for (Path file : proc.openFiles(pid)) {
                found = projectAbove(Optional.ofNullable(file.getParent()));
                if (found.isPresent()) {
                    return found(found.get(), pid, port, "open file " + file);
                }
            }
        }
        if (!pids.isEmpty()) {
            LOG.warn("pids {} serve port {}, but neither their working directory, environment nor open files lead to a"
                    + " directory with {}: set adopt-directory to the project's root", List.copyOf(pids), port, entry);
        }
        return Optional.empty();
    }

    private Optional<Path> found(Path root, long pid, int port, String how) {
        LOG.info("the instance on port {} runs from {}: found through pid {}'s {}", port, root, pid, how);
        return Optional.of(root);
    }

    /** The nearest directory at or above the given one that holds the entry script. */
    private Optional<Path> projectAbove(Optional<Path> start) {
        for (Path dir = start.filter(Path::isAbsolute).orElse(null); dir != null && dir.getParent() != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(entry))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
