package io.standby.adapters.easyswoole;

import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Revision;
import io.standby.os.ProcFs;
import io.standby.os.ProcessStat;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The sample app of the repository (sample-app/), copied into a test's own directory as a release. */
final class SampleApp {

    private SampleApp() {
    }

    /** Where the sample app lives: Failsafe passes it; from an IDE the module's sibling directory. */
    static Path source() {
        Path source = Path.of(System.getProperty("standby.sampleApp", "../sample-app"));
        if (!Files.isRegularFile(source.resolve("easyswoole.php"))) {
            fail("the sample app is not at " + source.toAbsolutePath() + ": run the ITs from the repository (mvn verify)");
        }
        return source;
    }

    /** Fails with a clear message unless the program runs: an IT must not skip silently. */
    static void require(String... versionCommand) {
        Completion completion = new ProcessRunner().run(Command.of(Path.of("."), Duration.ofSeconds(20), versionCommand));
        assertThat(completion.succeeded())
                .as("`%s` must run on this machine for this IT (install it, e.g. apt-get install php-cli composer): %s",
                        String.join(" ", versionCommand), completion.output())
                .isTrue();
    }

    /**
     * The app with its vendor/ installed by composer into the directory, once per test class: each test copies its
     * releases and this vendor/ from there. Fails, saying what to install, where php or composer is missing.
     */
    static Path installedTemplate(Path directory) {
        require("php", "-v");
        require("composer", "--version");
        copyTo(directory, "a1");
        Completion install = new ProcessRunner().run(Command.of(directory, Duration.ofMinutes(1),
                        "composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction")
                .withEnvironment(java.util.Map.of("COMPOSER_HOME", directory.resolve(".composer-home").toString())));
        assertThat(install.succeeded()).as("composer install of the sample app: %s", install.output()).isTrue();
        return directory;
    }

    /** Copies the app without its installed or runtime files into a new directory, as a release. */
    static Release copyTo(Path directory, String sha) {
        copyTree(source(), directory);
        String fullSha = (sha + "0".repeat(40)).substring(0, 40);
        Revision revision = new Revision(fullSha, "tester", "test release", Instant.parse("2026-01-01T00:00:00Z"));
        return new Release(ReleaseId.of(Instant.now(), revision), revision, directory);
    }

    /**
     * Makes the release fail as it boots, as a broken commit does: with BOOT_CRASH at its root, the sample app throws in
     * mainServerCreate, once its port is bound.
     */
    static Release crashingAtBoot(Release release) {
        try {
            Files.writeString(release.directory().resolve("BOOT_CRASH"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return release;
    }

    /** A release ready to start: the app copied as by {@link #copyTo}, with the vendor/ composer installed in the template. */
    static Release installedCopy(Path template, Path directory, String sha) {
        Release release = copyTo(directory, sha);
        copyTree(template.resolve("vendor"), directory.resolve("vendor"));
        return release;
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (!relative.toString().isEmpty() && List.of("vendor", "Temp", "Log").contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes a copy of the app an EasySwoole project of another version, the way a project gets one: composer.lock names
     * easyswoole/easyswoole at that version, and composer install puts it in vendor/.
     */
    static void pinEasySwoole(Path app, String version, Path composerHome) {
        try {
            for (Path file : List.of(app.resolve("composer.lock"), app.resolve("packages/easyswoole/composer.json"))) {
                String text = Files.readString(file);
                String pinned = text.replaceFirst("(\"name\": \"easyswoole/easyswoole\",\\s*\"version\": \")[^\"]+\"", "$1" + version + "\"")
                        .replaceFirst("(\"version\": \")3\\.6\\.3\"", "$1" + version + "\"");
                assertThat(pinned).as("the easyswoole/easyswoole version in %s", file).isNotEqualTo(text);
                Files.writeString(file, pinned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Completion install = new ProcessRunner().run(Command.of(app, Duration.ofMinutes(1),
                        "composer", "install", "--no-dev", "--optimize-autoloader", "--no-interaction")
                .withEnvironment(java.util.Map.of("COMPOSER_HOME", composerHome.resolve(".composer-home").toString())));
        assertThat(install.succeeded()).as("composer install of EasySwoole %s: %s", version, install.output()).isTrue();
    }

    /**
     * Every PHP process of the sample app that belongs to a test directory, found as Standby would have to: a daemon
     * works in / under a renamed title, so by what it holds open there (its Swoole log) or its working directory, and
     * then every process of its group.
     */
    static List<Long> processesUnder(Path root) {
        ProcFs procNet = ProcFs.system();
        Path real = realPath(root);
        long ownGroup = procNet.stat(ProcessHandle.current().pid()).orElseThrow().group();
        java.util.Set<Long> found = new java.util.TreeSet<>();
        ProcessHandle.allProcesses().map(ProcessHandle::pid)
                .filter(pid -> procNet.stat(pid).filter(stat -> stat.name().startsWith("php") && !stat.zombie()).isPresent())
                .filter(pid -> procNet.workingDirectory(pid).filter(cwd -> cwd.startsWith(real)).isPresent()
                        || procNet.openFiles(pid).stream().anyMatch(file -> file.startsWith(real)))
                .forEach(pid -> {
                    found.add(pid);
                    long group = procNet.stat(pid).map(ProcessStat::group).orElse(-1L);
                    if (group > 1 && group != ownGroup) {
                        found.addAll(procNet.groupMembers(group));
                    }
                });
        return List.copyOf(found);
    }

    /** Kills whatever of the sample app runs for the test directory and waits until it is gone. */
    static void killEverythingUnder(Path root) {
        processesUnder(root).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> processesUnder(root).isEmpty());
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
