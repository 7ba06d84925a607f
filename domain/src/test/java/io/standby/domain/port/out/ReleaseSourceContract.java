package io.standby.domain.port.out;

import io.standby.domain.model.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ReleaseSource} does, whether it reads a real repository or lives in memory.
 *
 * <p>An implementation starts each test with a branch that has no commits yet; the tests add them with
 * {@link #commit(String, String, String)}.
 */
public interface ReleaseSourceContract {

    /** The source under test, following the branch that {@link #commit} adds to. */
    ReleaseSource source();

    /**
     * Adds a commit to the followed branch, on top of its head, that writes one file, as a developer's push would.
     *
     * @param file    a relative path with '/' separators, e.g. {@code src/index.php}
     * @param content the file's whole new content
     * @param message the commit message
     * @return the new commit's full id
     */
    String commit(String file, String content, String message);

    @Test
    default void newestIsThePushedHead() {
        String sha = commit("index.php", "<?php echo 'one';", "First release");

        Revision newest = source().newest();

        assertThat(newest.sha()).isEqualTo(sha);
        assertThat(newest.subject()).isEqualTo("First release");
    }

    @Test
    default void newestMovesOnAfterANewCommit() {
        String first = commit("index.php", "<?php echo 'one';", "First release");
        assertThat(source().newest().sha()).isEqualTo(first);

        String second = commit("index.php", "<?php echo 'two';", "Second release");

        assertThat(source().newest().sha()).isEqualTo(second);
    }

    @Test
    default void findsACommitByItsAbbreviatedOrFullId() {
        String first = commit("index.php", "<?php echo 'one';", "First release");
        commit("index.php", "<?php echo 'two';", "Second release");
        source().newest();

        assertThat(source().find(first.substring(0, 10))).extracting(Revision::sha).containsExactly(first);
        assertThat(source().find(first)).extracting(Revision::subject).containsExactly("First release");
    }

    /** A few hundred commits are enough for two to start with the same four digits, as in any real repository. */
    @Test
    default void anIdThatStartsSeveralCommitsFindsThemAll() {
        Map<String, String> byFirstDigits = new HashMap<>();
        List<String> sharing = List.of();
        for (int i = 0; sharing.isEmpty(); i++) {
            assertThat(i).as("commits without two starting with the same four digits").isLessThan(5000);
            String sha = commit("index.php", "<?php echo " + i + ";", "Release " + i);
            String earlier = byFirstDigits.putIfAbsent(sha.substring(0, 4), sha);
            if (earlier != null) {
                sharing = List.of(earlier, sha);
            }
        }
        source().newest();

        assertThat(source().find(sharing.get(0).substring(0, 4))).extracting(Revision::sha)
                .containsExactlyInAnyOrderElementsOf(sharing);
        assertThat(source().find(sharing.get(1))).extracting(Revision::sha).containsExactly(sharing.get(1));
    }

    @Test
    default void findsNothingForAnUnknownOrMalformedId() {
        commit("index.php", "<?php echo 'one';", "First release");
        source().newest();

        assertThat(source().find("0123456789abcdef0123456789abcdef01234567")).isEmpty();
        assertThat(source().find("not-a-commit")).isEmpty();
    }

    @Test
    default void exportWritesTheRevisionsFilesAndARevisionFile(@TempDir Path releases) throws IOException {
        String sha = commit("public/index.php", "<?php echo 'one';", "First release");
        Path release = releases.resolve("release-1");

        source().export(source().newest(), release);

        assertThat(release.resolve("public/index.php")).hasContent("<?php echo 'one';");
        assertThat(Files.readString(release.resolve("REVISION")).strip()).isEqualTo(sha);
    }

    @Test
    default void exportWritesTheGivenRevisionNotTheNewest(@TempDir Path releases) {
        commit("index.php", "<?php echo 'one';", "First release");
        Revision first = source().newest();
        commit("index.php", "<?php echo 'two';", "Second release");
        source().newest();
        Path release = releases.resolve("release-1");

        source().export(first, release);

        assertThat(release.resolve("index.php")).hasContent("<?php echo 'one';");
    }

    @Test
    default void exportRefusesADirectoryThatIsNotEmpty(@TempDir Path releases) throws IOException {
        commit("index.php", "<?php echo 'one';", "First release");
        Revision newest = source().newest();
        Path release = Files.createDirectories(releases.resolve("release-1"));
        Files.writeString(release.resolve("keep.txt"), "already here");

        assertThatThrownBy(() -> source().export(newest, release)).isInstanceOf(SourceUnavailableException.class);
        assertThat(release.resolve("keep.txt")).hasContent("already here");
        assertThat(release.resolve("index.php")).doesNotExist();
    }

    @Test
    default void anExportedDirectoryTellsItsRevision(@TempDir Path releases) throws IOException {
        String sha = commit("index.php", "<?php echo 'one';", "First release");
        Path release = releases.resolve("release-1");
        source().export(source().newest(), release);

        assertThat(source().revisionAt(release)).map(Revision::sha).contains(sha);
        assertThat(source().revisionAt(Files.createDirectories(releases.resolve("hand-made")))).isEmpty();
    }
}
