package io.standby.adapters.easyswoole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How Standby installs a release's PHP dependencies. The app's configuration gives every value its default and
 * checks it (the command never re-resolves versions, so each release gets exactly its composer.lock); this record
 * carries them.
 *
 * @param command     the install command, run in the release directory
 * @param timeout     how long it may run before it is killed and the release fails
 * @param home        COMPOSER_HOME for the command, e.g. under Standby's state directory; null keeps the environment's
 * @param reuseVendor whether to seed vendor/ from an earlier release with the same composer.lock
 * @param cacheDir    where those vendor/ copies are kept, keyed by the lock's hash; null turns reuse off
 */
public record ComposerSettings(List<String> command, Duration timeout, Path home, boolean reuseVendor, Path cacheDir) {

    public ComposerSettings {
        command = List.copyOf(command);
        Objects.requireNonNull(timeout, "timeout");
    }

    boolean reusesVendor() {
        return reuseVendor && cacheDir != null;
    }
}
