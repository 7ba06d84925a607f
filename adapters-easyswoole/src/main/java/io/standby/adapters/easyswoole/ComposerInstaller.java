package io.standby.adapters.easyswoole;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.port.out.DependencyInstaller;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Installs a release's dependencies with {@code composer install} from its composer.lock; never re-resolves versions. */
final class ComposerInstaller implements DependencyInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ComposerInstaller.class);
    private static final int TAIL = 6;
    // Composer follows an error with the command's synopsis: "install [--prefer-source] [--prefer-dist] ...".
    private static final java.util.regex.Pattern USAGE = java.util.regex.Pattern.compile("^[a-z-]+ \\[--");

    private static final String UNRESOLVABLE = "Your requirements could not be resolved to an installable set of packages.";
    private static final String ADVICE = "Potential causes:";

    private final ComposerSettings settings;
    private final ProcessRunner runner;
    private final ReleaseLogs logs;
    private final Optional<VendorCache> cache;

    ComposerInstaller(ComposerSettings settings, ProcessRunner runner, ReleaseLogs logs) {
        this.settings = settings;
        this.runner = runner;
        this.logs = logs;
        this.cache = Optional.ofNullable(settings.reusesVendor() ? new VendorCache(settings.cacheDir()) : null);
    }

    @Override
    public Outcome install(Release release) {
        Path directory = release.directory();
        if (!Files.isRegularFile(directory.resolve("composer.json"))) {
            LOG.info("release {} has no composer.json: no dependencies to install", release);
            return Outcome.done();
        }
        if (!Files.isRegularFile(directory.resolve("composer.lock"))) {
            LOG.warn("release {} has no composer.lock: composer will pick versions itself; commit the lock file"
                    + " so that every release installs exactly what was tested", release);
        }
        long began = System.nanoTime();
        boolean seeded = cache.map(vendors -> vendors.restore(directory)).orElse(false);
        Command command = new Command(settings.command(), directory, settings.timeout(), environment(), Optional.of(logs.of(release)));
        LOG.info("installing dependencies of release {}{}: {}", release, seeded ? " (vendor/ reused from an earlier release)" : "",
                command.display());
        Completion completion = runner.run(command);
        if (completion.timedOut()) {
            return Outcome.failed("composer install did not finish within " + Durations.human(settings.timeout())
                    + " (`" + command.display() + "` was killed): " + completion.tail(TAIL)
                    + "; check that the package repositories are reachable from this host, or raise the install timeout"
                    + " (log " + logs.of(release) + ")");
        }
        if (!completion.succeeded()) {
            return Outcome.failed("composer install failed with exit code " + completion.exitCode() + ": "
                    + whatComposerSaid(completion) + "; fix composer.json/composer.lock in the repository and commit"
                    + " (full output in " + logs.of(release) + ")");
        }
        cache.ifPresent(vendors -> vendors.keep(directory));
        LOG.info("installed dependencies of release {} in {} ms", release, (System.nanoTime() - began) / 1_000_000);
        return Outcome.done();
    }

    /**
     * Composer's own words, without the boxes' padding and the usage synopsis it prints after an error, so the
     * reason fits a status line.
     */
    static String whatComposerSaid(Completion completion) {
        List<String> lines = completion.output().lines()
                .map(line -> line.strip().replaceAll("\\s{2,}", " "))
                .filter(line -> !line.isEmpty())
                .filter(line -> !USAGE.matcher(line).find())
                .toList();
        // After an unresolvable requirement composer lists each problem, then generic advice that would crowd them out.
        int unresolved = lines.indexOf(UNRESOLVABLE);
        if (unresolved >= 0) {
            int advice = lines.indexOf(ADVICE);
            return String.join(" | ", lines.subList(unresolved, advice > unresolved ? advice : lines.size()));
        }
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL), lines.size()));
    }

    private Map<String, String> environment() {
        return settings.home() == null ? Map.of() : Map.of("COMPOSER_HOME", settings.home().toString());
    }
}
