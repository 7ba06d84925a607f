package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.process.ProcessRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.standby.adapters.easyswoole.HttpHealthProbeTest.reason;
import static org.assertj.core.api.Assertions.assertThat;

class ComposerInstallerIT {

    @TempDir
    Path work;

    @BeforeAll
    static void composerIsInstalled() {
        SampleApp.require("composer", "--version");
    }

    @Test
    void sampleAppInstallsOfflineFromItsLock() {
        Release release = SampleApp.copyTo(work.resolve("release"), "c0ffee1");

        assertThat(installer(TestSettings.install()).install(release)).isEqualTo(Outcome.done());

        assertThat(release.directory().resolve("vendor/autoload.php")).isRegularFile();
        assertThat(release.directory().resolve("vendor/standby/greeting/src/Greeter.php")).isRegularFile();
        assertThat(log(release)).content().contains("composer install --no-dev --optimize-autoloader --no-interaction");
    }

    @Test
    void releaseWithoutComposerJsonNeedsNothing() throws IOException {
        Path directory = Files.createDirectories(work.resolve("plain"));
        Release release = SampleApp.copyTo(directory, "abcdef1");
        Files.delete(directory.resolve("composer.json"));

        assertThat(installer(TestSettings.install()).install(release)).isEqualTo(Outcome.done());
        assertThat(directory.resolve("vendor")).doesNotExist();
    }

    @Test
    void brokenComposerJsonFailsWithComposersReason() throws IOException {
        Release release = SampleApp.copyTo(work.resolve("release"), "badbad1");
        Files.writeString(release.directory().resolve("composer.json"), "{ \"require\": { oops");

        Outcome outcome = installer(TestSettings.install()).install(release);

        assertThat(reason(outcome)).contains("composer install failed with exit code", "composer.json", "fix composer.json");
    }

    @Test
    void installThatHangsIsKilledAtTheTimeout() {
        Release release = SampleApp.copyTo(work.resolve("release"), "51ee9e1");
        ComposerSettings hanging = TestSettings.install(List.of("php", "-r", "sleep(60);"), Duration.ofSeconds(2));

        long began = System.nanoTime();
        Outcome outcome = installer(hanging).install(release);

        assertThat(reason(outcome)).contains("composer install did not finish within 2s", "php -r sleep(60);");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void releaseWithTheSameLockReusesVendorAndStillRunsInstall() throws IOException {
        ComposerSettings reusing = new ComposerSettings(TestSettings.COMPOSER_INSTALL, Duration.ofMinutes(5), work.resolve("composer-home"), true,
                work.resolve("vendor-cache"));
        Release first = SampleApp.copyTo(work.resolve("first"), "1111111");
        Release second = SampleApp.copyTo(work.resolve("second"), "2222222");
        ComposerInstaller installer = installer(reusing);

        assertThat(installer.install(first)).isEqualTo(Outcome.done());
        assertThat(installer.install(second)).isEqualTo(Outcome.done());

        Path packageFile = Path.of("vendor/standby/greeting/src/Greeter.php");
        assertThat(Files.getAttribute(second.directory().resolve(packageFile), "unix:nlink")).isNotEqualTo(1);
        assertThat(Files.getAttribute(second.directory().resolve("vendor/composer/installed.json"), "unix:nlink")).isEqualTo(1);
        assertThat(log(second)).content().contains("Nothing to install");
    }

    private ComposerInstaller installer(ComposerSettings settings) {
        ComposerSettings isolated = settings.home() != null ? settings
                : new ComposerSettings(settings.command(), settings.timeout(), work.resolve("composer-home"), false, null);
        return new ComposerInstaller(isolated, new ProcessRunner(), new ReleaseLogs(work.resolve("logs")));
    }

    private Path log(Release release) {
        return work.resolve("logs").resolve(release.id().value() + ".log");
    }
}
