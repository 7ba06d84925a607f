package io.standby.app.it;

import io.standby.app.wiring.JournalReports;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;
import io.standby.domain.port.out.ReleaseStore;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bin/standby as the README installs it: the jar beside it, the archive {@code --make-archive} makes, and every
 * command run through it. The archive is what makes {@code status} start fast, so what it must hold is checked by
 * the JVM's own account of where each class came from.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("../bin/standby").toAbsolutePath().normalize();

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Sandbox sandbox;
    private Path launcher;
    private Path jar;

    @BeforeEach
    void installedAsTheReadmeSays() throws IOException {
        sandbox = new Sandbox(scratch, Sandbox.Router.HAPROXY).writeConfig("");
        Path opt = Files.createDirectories(scratch.dir().resolve("opt/standby"));
        launcher = Files.copy(LAUNCHER, opt.resolve("standby"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = Files.copy(Sandbox.JAR, opt.resolve("standby.jar"));
    }

    @Test
    void theArchiveHoldsWhatEveryCommandStartsWithPicocliIncluded() {
        Programs.Ran made = standby(Map.of(), "--make-archive", "-c", sandbox.config.toString());

        assertThat(made.exit()).as(made.all()).isZero();
        assertThat(made.out()).contains("made " + jar.resolveSibling("standby.jsa"));
        Programs.Ran status = standby(Map.of("STANDBY_JAVA_OPTS", "-Xlog:class+load=info"), "-c", sandbox.config.toString(), "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("app:          sample")
                .contains("picocli.CommandLine source: shared objects file")
                .contains("com.fasterxml.jackson.databind.ObjectMapper source: shared objects file")
                .contains("io.standby.app.config.StandbyConfig source: shared objects file")
                .contains("java.lang.Object source: shared objects file");
    }

    @Test
    void anArchiveMadeOnAFreshInstallServesTheJournalOnceReleasesAreWritten() {
        // Made as the README says, at install time: the journal is still empty.
        assertThat(standby(Map.of(), "--make-archive", "-c", sandbox.config.toString()).exit()).isZero();
        ReleaseStore journal = JournalReports.store(sandbox.state);
        Revision revision = new Revision("c0ffee".repeat(6) + "c0ff", "Ada", "v1", Instant.parse("2026-01-01T00:00:00Z"));
        Release release = new Release(ReleaseId.of(revision.committedAt(), revision), revision, sandbox.root.resolve("r1"));
        journal.saveLive(new LiveRelease(release, new Slot("blue", 9501), revision.committedAt()));
        journal.append(new HistoryEntry(revision, Optional.of(release), new Slot("blue", 9501), Trigger.POLL, Result.LIVE,
                Stage.LIVE, "", revision.committedAt(), revision.committedAt().plusSeconds(3),
                List.of(new StageTiming(Stage.FETCHING, Duration.ofMillis(30)))));

        Programs.Ran status = standby(Map.of("STANDBY_JAVA_OPTS", "-Xlog:class+load=info"), "-c", sandbox.config.toString(), "status");

        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("c0ffeec \"v1\" on blue:9501")
                .contains("io.standby.app.state.JournalV1$HistoryLine source: shared objects file")
                .contains("io.standby.app.state.JournalV1$Live source: shared objects file");
    }

    @Test
    void anArchiveMadeWithoutAConfigurationThatLoadsStillServesTheJournalAndSaysSo() {
        Programs.Ran made = standby(Map.of(), "--make-archive", "-c", scratch.dir().resolve("missing.yml").toString());

        assertThat(made.exit()).as(made.all()).isZero();
        assertThat(made.err()).contains("without your configuration", "again with -c FILE");
        Programs.Ran status = standby(Map.of("STANDBY_JAVA_OPTS", "-Xlog:class+load=info"), "-c", sandbox.config.toString(), "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("io.standby.app.cli.StatusCommand source: shared objects file");
    }

    @Test
    void theTrainingPrintsNothingAndLeavesNothingBehind() throws IOException {
        Path tmp = Files.createDirectories(scratch.dir().resolve("tmp"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Programs.Ran ran = Programs.run(scratch.dir(), Duration.ofMinutes(1), List.of(java, "-Djava.io.tmpdir=" + tmp,
                "-jar", jar.toString(), "-c", sandbox.config.toString(), "archive-training"));

        assertThat(ran.exit()).as(ran.all()).isZero();
        assertThat(ran.out()).isEmpty();
        assertThat(ran.err()).isEmpty();
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anArchiveMadeForAnotherJarIsLeftAsideSilently() throws IOException {
        assertThat(standby(Map.of(), "--make-archive", "-c", sandbox.config.toString()).exit()).isZero();
        // An upgrade puts another jar in the same place; the JVM knows a jar by its size and time.
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plus(Duration.ofHours(1))));

        Programs.Ran status = standby(Map.of("STANDBY_JAVA_OPTS", "-Xlog:class+load=info"), "-c", sandbox.config.toString(), "status");

        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("app:          sample").doesNotContain("picocli.CommandLine source: shared objects file")
                .as("the JDK's own archive still serves").contains("java.lang.Object source: shared objects file");
        assertThat(status.err()).isEmpty();
    }

    @Test
    void withoutAnArchiveEveryCommandRunsTheSame() {
        Programs.Ran status = standby(Map.of(), "-c", sandbox.config.toString(), "status");

        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("app:          sample", "live:         nothing yet");
        assertThat(status.err()).isEmpty();
    }

    @Test
    void withoutTheJarItSaysWhereItLookedAndMakesNoArchive() throws IOException {
        Files.delete(jar);

        Programs.Ran made = standby(Map.of(), "--make-archive", "-c", sandbox.config.toString());

        assertThat(made.exit()).isEqualTo(2);
        assertThat(made.err()).contains("no jar at " + jar, "STANDBY_JAR");
        assertThat(jar.resolveSibling("standby.jsa")).doesNotExist();
        assertThat(standby(Map.of(), "-c", sandbox.config.toString(), "status").err()).contains("no jar at " + jar);
    }

    @ParameterizedTest
    @CsvSource({"--help", "help", "-h"})
    void itsHelpIsTheJarsWithWhatOnlyTheLauncherDoes(String help) {
        Programs.Ran ran = standby(Map.of(), help);

        assertThat(ran.exit()).as(ran.all()).isZero();
        assertThat(ran.out()).contains("check-config", "rollback")
                .contains("This launcher (bin/standby) also takes:\n  --make-archive [-c FILE]");
    }

    /** The launcher reads the verb as the jar does (cli/Verbs, whose VerbsTest has these forms). */
    @ParameterizedTest
    @CsvSource({"-c CONFIG run, 2097152", "--config CONFIG run, 2097152", "--config=CONFIG run, 2097152",
            "-cCONFIG run, 2097152", "run -c CONFIG, 2097152", "-c CONFIG status, 16777216", "status -c CONFIG, 16777216",
            "-c run status, 16777216", "--help, 16777216"})
    void theAgentGetsASmallYoungGenerationAndEveryOtherCommandALargerOne(String args, long youngBytes) {
        // A configuration that does not exist: the agent stops at once, and the JVM has printed its flags by then.
        String missing = scratch.dir().resolve("missing.yml").toString();

        Programs.Ran ran = standby(Map.of("STANDBY_JAVA_OPTS", "-XX:+PrintFlagsFinal"), args.replace("CONFIG", missing).split(" "));

        assertThat(ran.out()).containsPattern("MaxNewSize += " + youngBytes + " ");
    }

    /** On a JDK 17 update that has the C heap's trimming (this test's JDK does; the next test covers one without). */
    @Test
    void theAgentGivesBackTheCHeapItFreesAndBuildsItsObjectsWithoutGeneratedClasses() {
        assumeTrue(Programs.run(scratch.dir(), Duration.ofMinutes(1), Map.of(),
                List.of(javaBin(), "-XX:TrimNativeHeapInterval=5000", "-version")).exit() == 0, "a JDK with the trimming");
        String missing = scratch.dir().resolve("missing.yml").toString();

        Programs.Ran ran = standby(Map.of("STANDBY_JAVA_OPTS", "-XX:+PrintFlagsFinal -XshowSettings:properties"),
                "-c", missing, "run");

        assertThat(ran.out()).containsPattern("TrimNativeHeapInterval += 5000 ");
        assertThat(ran.err()).contains("guice_bytecode_gen_option = DISABLED");
    }

    /** A JDK 17 from before the C heap's trimming refuses to start with the option: the agent starts without it. */
    @Test
    void anAgentOnAJvmWithoutTheTrimmingStartsWithoutIt() throws IOException {
        String missing = scratch.dir().resolve("missing.yml").toString();
        Path olderJava = scratch.dir().resolve("older-java");
        Files.writeString(olderJava, """
                #!/bin/sh
                for arg in "$@"; do
                    case "$arg" in -XX:TrimNativeHeapInterval=*)
                        echo "Unrecognized VM option 'TrimNativeHeapInterval=5000'" >&2; exit 1 ;;
                    esac
                done
                exec '%s' "$@"
                """.formatted(javaBin()));
        olderJava.toFile().setExecutable(true);

        Programs.Ran ran = standby(Map.of("STANDBY_JAVA", olderJava.toString(), "STANDBY_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
                "-c", missing, "run");

        assertThat(ran.err()).doesNotContain("Unrecognized VM option").contains(missing);
        assertThat(ran.out()).contains("MaxNewSize").doesNotContainPattern("TrimNativeHeapInterval += 5000");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The launcher with this test's JDK, whatever `java` the PATH holds. */
    private Programs.Ran standby(Map<String, String> env, String... args) {
        Map<String, String> withJava = new HashMap<>(env);
        withJava.putIfAbsent("STANDBY_JAVA", javaBin());
        return Programs.run(scratch.dir(), Duration.ofMinutes(2), withJava, List.of(List.of(launcher.toString()), List.of(args))
                .stream().flatMap(List::stream).toList());
    }
}
