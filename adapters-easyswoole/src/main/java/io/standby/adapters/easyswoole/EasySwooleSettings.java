package io.standby.adapters.easyswoole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Standby runs the EasySwoole service; a null field takes its default.
 *
 * @param php          the PHP binary, a name found on PATH or a path (default {@code php})
 * @param entry        the CLI script at the release's root (default {@code easyswoole.php})
 * @param mode         the EasySwoole mode: its config file {@code <mode>.php} gets the slot's port (default {@code produce})
 * @param startTimeout how long an instance may take to hold its port after {@code server start} (default 30s)
 * @param stopTimeout  how long a graceful {@code server stop} may take before Standby forces it (default 30s)
 * @param logsDir      where each release's log {@code <release id>.log} is appended to (required)
 */
public record EasySwooleSettings(String php, String entry, String mode, Duration startTimeout, Duration stopTimeout,
                                 Path logsDir) {

    private static final Pattern MODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public EasySwooleSettings {
        php = php == null ? "php" : php;
        entry = entry == null ? "easyswoole.php" : entry;
        mode = mode == null ? "produce" : mode;
        startTimeout = startTimeout == null ? Duration.ofSeconds(30) : startTimeout;
        stopTimeout = stopTimeout == null ? Duration.ofSeconds(30) : stopTimeout;
        Objects.requireNonNull(logsDir, "logsDir");
        if (php.isBlank()) {
            throw new IllegalArgumentException("php must name the PHP binary, e.g. php or /usr/bin/php8.2");
        }
        // Both end up as file names inside the release directory: no separators, no way out of it.
        if (!ENTRY.matcher(entry).matches() || entry.startsWith(".")) {
            throw new IllegalArgumentException("entry must be a file name at the release's root, e.g. easyswoole.php: '" + entry + "'");
        }
        if (!MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("mode must be letters, digits, '-' or '_' (its config is <mode>.php): '" + mode + "'");
        }
        requirePositive(startTimeout, "startTimeout");
        requirePositive(stopTimeout, "stopTimeout");
    }

    /** The defaults, logging into the given directory. */
    public static EasySwooleSettings defaults(Path logsDir) {
        return new EasySwooleSettings(null, null, null, null, null, logsDir);
    }

    public EasySwooleSettings withTimeouts(Duration start, Duration stop) {
        return new EasySwooleSettings(php, entry, mode, start, stop, logsDir);
    }

    /** The mode's config file name, e.g. {@code produce.php}. */
    String modeFile() {
        return mode + ".php";
    }

    static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be above zero, got " + duration);
        }
    }
}
