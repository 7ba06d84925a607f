package io.standby.adapters.easyswoole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How Standby installs a release's PHP dependencies; a null field takes its default.
 *
 * @param command     the install command, run in the release directory
 *                    (default {@code composer install --no-dev --optimize-autoloader --no-interaction})
 * @param timeout     how long it may run before it is killed and the release fails (default 5m)
 * @param home        COMPOSER_HOME for the command, e.g. under Standby's state directory; null keeps the environment's
 * @param reuseVendor whether to seed vendor/ from an earlier release with the same composer.lock (default true)
 * @param cacheDir    where those vendor/ copies are kept, keyed by the lock's hash; null turns reuse off
 */
public record ComposerSettings(List<String> command, Duration timeout, Path home, Boolean reuseVendor, Path cacheDir) {

    public static final List<String> DEFAULT_COMMAND =
            List.of("composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction");

    // A release installs exactly what its lock file says: anything that re-resolves versions is refused.
    private static final Set<String> RESOLVING = Set.of("update", "upgrade", "u", "require", "remove");

    public ComposerSettings {
        command = command == null ? DEFAULT_COMMAND : List.copyOf(command);
        timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        reuseVendor = reuseVendor == null ? Boolean.TRUE : reuseVendor;
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("the install command needs at least the program to run, e.g. composer install");
        }
        command.stream().filter(RESOLVING::contains).findFirst().ifPresent(verb -> {
            throw new IllegalArgumentException("the install command must not re-resolve versions ('" + verb
                    + "'): use composer install so that each release gets exactly its composer.lock");
        });
        EasySwooleSettings.requirePositive(timeout, "install timeout");
    }

    /** The defaults: composer install, 5 minutes, the environment's COMPOSER_HOME, no vendor reuse without a cache dir. */
    public static ComposerSettings defaults() {
        return new ComposerSettings(null, null, null, null, null);
    }

    public ComposerSettings withCommand(List<String> installCommand, Duration installTimeout) {
        return new ComposerSettings(installCommand, installTimeout, home, reuseVendor, cacheDir);
    }

    boolean reusesVendor() {
        return reuseVendor && cacheDir != null;
    }
}
