package io.standby.adapters.easyswoole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How Standby runs the EasySwoole service. The app's configuration gives every value its default and checks it
 * (entry and mode become file names inside the release, so they hold no separator); this record carries them.
 *
 * @param php          the PHP binary, a name found on PATH or a path
 * @param entry        the CLI script at the release's root, e.g. {@code easyswoole.php}
 * @param mode         the EasySwoole mode: its config file {@code <mode>.php} gets the slot's port
 * @param startTimeout how long an instance may take to hold its port after {@code server start}
 * @param stopTimeout  how long a graceful {@code server stop} may take before Standby forces it
 * @param logsDir      where each release's log {@code <release id>.log} is appended to
 */
public record EasySwooleSettings(String php, String entry, String mode, Duration startTimeout, Duration stopTimeout,
                                 Path logsDir) {

    public EasySwooleSettings {
        Objects.requireNonNull(php, "php");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(logsDir, "logsDir");
    }

    /** The mode's config file name, e.g. {@code produce.php}. */
    String modeFile() {
        return mode + ".php";
    }
}
