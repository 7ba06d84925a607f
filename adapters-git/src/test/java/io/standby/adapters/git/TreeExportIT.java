package io.standby.adapters.git;

import io.standby.domain.model.Revision;
import io.standby.domain.port.out.SourceUnavailableException;
import io.standby.adapters.git.Upstream.Change;
import io.standby.testsupport.Scratch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import static io.standby.adapters.git.Upstream.Change.executable;
import static io.standby.adapters.git.Upstream.Change.file;
import static io.standby.adapters.git.Upstream.Change.link;
import static io.standby.adapters.git.Upstream.Change.submodule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exporting a commit's files from a real mirror onto the real file system. */
class TreeExportIT {

    @RegisterExtension
    final Scratch scratch = new Scratch();

    private Path root;
    private Upstream upstream;
    private JGitSource source;
    private Path releases;

    @BeforeEach
    void createOrigin() {
        root = scratch.dir();
        upstream = scratch.own(Upstream.create(root.resolve("origin.git")));
        source = new JGitSource(new GitSettings(upstream.fileUrl(), "main", root.resolve("mirror.git"), Duration.ofSeconds(10),
                Optional.empty(), Optional.empty()));
        releases = root.resolve("releases");
    }

    private Revision pushed(Change... changes) {
        upstream.commit("main", "Release", changes);
        return source.newest();
    }

    @Test
    void anExecutableKeepsItsBitAndAPlainFileGetsNone() throws IOException {
        Revision revision = pushed(executable("bin/console", "#!/usr/bin/env php\n"), file("index.php", "<?php"));

        source.export(revision, releases.resolve("1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(releases.resolve("1/bin/console"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(releases.resolve("1/index.php"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(releases.resolve("1"))))
                .as("readable by the PHP workers, not only by the agent").isEqualTo("rwxr-xr-x");
    }

    @Test
    void linksThatStayInsideTheReleaseAreKept() throws IOException {
        Revision revision = pushed(file("config/app.php", "<?php return [];"),
                link("app.php", "config/app.php"), link("public/config", "../config"));

        source.export(revision, releases.resolve("1"));

        Path release = releases.resolve("1");
        assertThat(Files.readSymbolicLink(release.resolve("app.php"))).isEqualTo(Path.of("config/app.php"));
        assertThat(Files.readSymbolicLink(release.resolve("public/config"))).isEqualTo(Path.of("../config"));
        assertThat(release.resolve("public/config/app.php")).hasContent("<?php return [];");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "..", "d/../../x"})
    void aLinkOutOfTheReleaseIsRefusedAndNothingIsLeftBehind(String target) throws IOException {
        Revision revision = pushed(file("index.php", "<?php"), link("leak", target));

        assertThatThrownBy(() -> source.export(revision, releases.resolve("1")))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("symbolic link 'leak' -> '" + target + "' that points outside the release");
        assertThat(releases.resolve("1")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aLinkThatEscapesThroughAnotherLinkIsRefused() {
        // "d/up" alone stays inside (it is the root), but "sneaky" follows it and climbs one level more.
        Revision revision = pushed(file("d/keep.txt", ""), link("d/up", ".."), link("sneaky", "d/up/.."));

        assertThatThrownBy(() -> source.export(revision, releases.resolve("1")))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("'sneaky' -> 'd/up/..'");
        assertThat(releases.resolve("1")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {".git/config", "../escaped.php", "a/../../escaped.php", ".GIT/hooks/post-checkout"})
    void aTreeWithAnUnsafePathIsRefused(String unsafe) {
        upstream.commit("main", "Release", file("index.php", "<?php"));
        upstream.commitUnchecked("main", unsafe, "[core]\n\thooksPath = /tmp\n");
        Revision revision = source.newest();

        assertThatThrownBy(() -> source.export(revision, releases.resolve("1")))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("unsafe to write");
        assertThat(releases.resolve("1")).doesNotExist();
        assertThat(root.resolve("escaped.php")).doesNotExist();
        assertThat(releases.resolve("escaped.php")).doesNotExist();
    }

    @Test
    void theRevisionFileNamesTheCommitEvenIfTheRepositoryHasOne() throws IOException {
        Revision revision = pushed(file("REVISION", "stale"), file("index.php", "<?php"));

        source.export(revision, releases.resolve("1"));

        assertThat(Files.readString(releases.resolve("1/REVISION"))).isEqualTo(revision.sha() + "\n");
        assertThat(source.revisionAt(releases.resolve("1"))).contains(revision);
    }

    @Test
    void anEmptyTargetDirectoryIsUsedAndMissingParentsAreMade() {
        Revision revision = pushed(file("index.php", "<?php"));
        Path empty = root.resolve("made-by-the-caller");

        source.export(revision, releases.resolve("deep/down/1"));

        assertThat(releases.resolve("deep/down/1/index.php")).hasContent("<?php");
        assertThat(empty.toFile().mkdirs()).isTrue();
        source.export(revision, empty);
        assertThat(empty.resolve("index.php")).hasContent("<?php");
    }

    @Test
    void theLeftoverOfAnInterruptedExportIsClearedAndTheReleaseIsWhole() throws IOException {
        Revision revision = pushed(file("index.php", "<?php"), file("src/App.php", "<?php class App {}"));
        Path leftover = Files.createDirectories(releases.resolve(".1.partial-123456"));
        Files.writeString(leftover.resolve("index.php"), "half");

        source.export(revision, releases.resolve("1"));

        assertThat(leftover).doesNotExist();
        assertThat(releases.resolve("1/src/App.php")).hasContent("<?php class App {}");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aSubmoduleBecomesAnEmptyDirectory() throws IOException {
        Revision revision = pushed(file("index.php", "<?php"),
                submodule("vendor/lib", "0123456789abcdef0123456789abcdef01234567"));

        source.export(revision, releases.resolve("1"));

        assertThat(releases.resolve("1/vendor/lib")).isEmptyDirectory();
    }

    @Test
    void noGitDirectoryIsWritten() {
        Revision revision = pushed(file("index.php", "<?php"));

        source.export(revision, releases.resolve("1"));

        assertThat(releases.resolve("1/.git")).doesNotExist();
        assertThat(source.revisionAt(releases.resolve("1"))).contains(revision);
    }

    @Test
    void aCommitGoneFromTheRepositoryIsAClearError() {
        Revision pushedAway = pushed(file("index.php", "one"));
        Revision neverFetched = new Revision("0123456789abcdef0123456789abcdef01234567", "", "", pushedAway.committedAt());

        assertThatThrownBy(() -> source.export(neverFetched, releases.resolve("1")))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("commit 0123456789abcdef0123456789abcdef01234567 is neither in the mirror");
        assertThat(releases.resolve("1")).doesNotExist();
    }

    private Stream<Path> leftovers() throws IOException {
        if (!Files.isDirectory(releases)) {
            return Stream.empty();
        }
        return Files.list(releases).filter(path -> path.getFileName().toString().contains(".partial-"))
                .filter(path -> Files.exists(path, LinkOption.NOFOLLOW_LINKS)).toList().stream();
    }
}
