package io.standby.adapters.easyswoole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings for tests, built whole: the records take no defaults (the app's configuration gives those), so these
 * helpers fill in ordinary values and let a test name the ones it is about.
 */
final class TestSettings {

    static final List<String> COMPOSER_INSTALL = List.of("composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction");

    private TestSettings() {
    }

    static EasySwooleSettings service(Path logs) {
        return service(logs, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    static EasySwooleSettings service(Path logs, Duration startTimeout, Duration stopTimeout) {
        return new EasySwooleSettings("php", "easyswoole.php", "produce", startTimeout, stopTimeout, logs);
    }

    /** composer install from the lock, in the environment's COMPOSER_HOME, without a vendor cache. */
    static ComposerSettings install() {
        return install(COMPOSER_INSTALL, Duration.ofMinutes(5));
    }

    static ComposerSettings install(List<String> command, Duration timeout) {
        return new ComposerSettings(command, timeout, null, true, null);
    }

    /** Health at /health answering 200, the proxy on port 80. */
    static HealthSettings health(Duration requestTimeout, int attempts, Duration interval) {
        return new HealthSettings("/health", 200, requestTimeout, attempts, interval, "http://127.0.0.1:80", false);
    }

    static HealthSettings health() {
        return health(Duration.ofSeconds(2), 30, Duration.ofMillis(500));
    }

    /** supervisorctl from the PATH, 10 s per query. */
    static SupervisordSettings supervisord(String program, Path slotsDir, Optional<Path> config) {
        return new SupervisordSettings(List.of("supervisorctl"), config, program, slotsDir, Duration.ofSeconds(10));
    }
}
