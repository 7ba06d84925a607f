package io.standby.adapters.nginx;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import io.standby.domain.port.out.TrafficRouter;
import io.standby.os.AtomicFile;
import io.standby.os.ProcFs;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Routes without reloading nginx: the configuration from {@link NginxSnippet} tests on every request whether a
 * flag file exists and picks the green upstream if it does, the blue one if not.
 *
 * <p>A reload makes nginx's old workers close idle client keep-alive connections, and a client that sends its
 * next request at that moment gets an error; nginx declined to change this (trac ticket #1022). Creating or
 * deleting a file replaces no worker and closes no connection.
 */
final class NginxFlagRouter implements TrafficRouter {

    private static final Logger LOG = LoggerFactory.getLogger(NginxFlagRouter.class);
    // nginx's workers may run as another user than Standby.
    private static final Set<PosixFilePermission> READABLE_BY_ALL = PosixFilePermissions.fromString("rw-r--r--");

    private final Slots slots;
    private final Path flag;
    private final FlagVisibility visibility;

    NginxFlagRouter(NginxSettings settings, ProcFs proc, ProcessRunner runner) {
        this.slots = settings.slots();
        this.flag = settings.flagFile();
        this.visibility = new FlagVisibility(settings.flagFile(), settings.pidFile(), proc, runner);
    }

    /** Green while the flag exists, blue otherwise (a missing flag directory included, as nginx sees it). */
    @Override
    public Optional<Slot> current() {
        return Optional.of(Files.exists(flag) ? slots.green() : slots.blue());
    }

    @Override
    public Outcome switchTo(Slot slot) {
        if (!slots.all().contains(slot)) {
            throw new IllegalArgumentException(slot + " is not one of " + slots);
        }
        Path dir = flag.getParent();
        if (!Files.isDirectory(dir)) {
            return Outcome.failed("the flag directory " + dir + " does not exist, so Standby cannot switch nginx to "
                    + slot + ". Fix: create it (mkdir -p " + dir + "), writable by the user Standby runs as and "
                    + "searchable by nginx's worker user, then deploy again");
        }
        if (!Files.isWritable(dir)) {
            return Outcome.failed("the flag directory " + dir + " is not writable by the user Standby runs as, so it "
                    + "cannot switch nginx to " + slot + ". Fix: give that user write permission on " + dir
                    + ", then deploy again");
        }
        boolean green = slot.equals(slots.green());
        // A flag nginx cannot see would leave traffic on blue while the release goes on as if it were on green.
        Optional<String> unseen = green ? visibility.problem() : Optional.empty();
        if (unseen.isPresent()) {
            return Outcome.failed(unseen.get() + "; nothing was changed");
        }
        try {
            if (green) {
                AtomicFile.write(flag, (slot.name() + "\n").getBytes(StandardCharsets.UTF_8), READABLE_BY_ALL);
            } else {
                AtomicFile.delete(flag);
            }
        } catch (IOException e) {
            return Outcome.failed("cannot " + (green ? "create" : "delete") + " the flag file " + flag + ": "
                    + e.getMessage() + ". Fix: let the user Standby runs as create and delete files in " + dir);
        }
        if (Files.exists(flag) != green) {
            return Outcome.failed("the flag file " + flag + " still " + (green ? "does not exist" : "exists")
                    + " after Standby " + (green ? "created" : "deleted") + " it. Fix: check what else manages " + dir);
        }
        LOG.info("nginx now sends to {} (flag {} {})", slot, flag, green ? "present" : "absent");
        return Outcome.done();
    }

    /**
     * Always true: nginx keeps idle pooled keep-alive connections to the old port open whether or not a request
     * uses them, so counting connections cannot tell when the last request finished, and no reload marks old
     * workers. The waiting is the domain's: its policy's drain minimum holds the old release up for a fixed
     * time, which the app's configuration makes 60 s in flag mode unless told otherwise (nginx's default
     * proxy_read_timeout, the longest an in-flight request can wait for the old release without failing anyway).
     */
    @Override
    public boolean isDrained(Slot slot) {
        return true;
    }
}
