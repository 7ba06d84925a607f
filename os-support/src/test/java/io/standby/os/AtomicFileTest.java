package io.standby.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class AtomicFileTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void writesANewFileWithThePermissionsAsked() throws IOException {
        Path file = dir.resolve("state.json");

        AtomicFile.write(file, bytes("{}"), PosixFilePermissions.fromString("rw-r-----"));

        assertThat(file).hasContent("{}");
        assertThat(permissions(file)).isEqualTo("rw-r-----");
        assertThat(entries()).containsExactly(file);
    }

    @Test
    void writeReplacesAnExistingFileAndASymlinkAtThePathItself() throws IOException {
        Path other = Files.writeString(dir.resolve("other"), "untouched");
        Path file = Files.createSymbolicLink(dir.resolve("flag"), other);

        AtomicFile.write(file, bytes("green\n"), PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFile.write(file, bytes("blue\n"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(file).hasContent("blue");
        assertThat(other).hasContent("untouched");
        assertThat(entries()).containsExactlyInAnyOrder(file, other);
    }

    @Test
    void replaceKeepsThePermissionsOfTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("nginx.conf"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));

        AtomicFile.replace(file, bytes("new"), warnings::add);

        assertThat(file).hasContent("new");
        assertThat(permissions(file)).isEqualTo("rw-rw----");
        assertThat(entries()).containsExactly(file);
        assertThat(warnings).isEmpty();
    }

    @Test
    void replaceKeepsTheOwnerWhereTheAgentMayGiveTheFileAway() throws IOException {
        assumeThat(System.getProperty("user.name")).as("only root may give a file away").isEqualTo("root");
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), "old");
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);

        AtomicFile.replace(file, bytes("new"), warnings::add);

        assertThat(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS)).isEqualTo(nobody);
        assertThat(warnings).isEmpty();
    }

    @Test
    void replaceThroughASymlinkReplacesTheFileItNamesAndKeepsTheLink() throws IOException {
        Path real = Files.writeString(dir.resolve("sites-available.conf"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("sites-enabled.conf"), real);

        AtomicFile.replace(link, bytes("new"), warnings::add);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
    }

    @Test
    void aFailedRenameLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("in-the-way"));
        Files.writeString(target.resolve("keep"), "x");

        assertThatThrownBy(() -> AtomicFile.write(target, bytes("new"), PosixFilePermissions.fromString("rw-------")))
                .isInstanceOf(IOException.class).hasMessageContaining("Is a directory");

        assertThat(entries()).containsExactly(target);
        assertThat(target.resolve("keep")).hasContent("x");
    }

    @Test
    void whatACrashLeftBesideTheFileIsOverwrittenByTheNextWrite() throws IOException {
        Path file = Files.writeString(dir.resolve("live.json"), "old");
        Files.writeString(dir.resolve(".live.json.tmp"), "half of a write that never finished, longer than the new");

        AtomicFile.write(file, bytes("new"), PosixFilePermissions.fromString("rw-r-----"));

        assertThat(file).hasContent("new");
        assertThat(entries()).containsExactly(file);
    }

    @Test
    void somethingInTheWayOfTheTemporaryFileFailsTheWriteAndIsLeftAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("live.json"), "old");
        Path inTheWay = Files.createDirectory(dir.resolve(".live.json.tmp"));

        assertThatThrownBy(() -> AtomicFile.write(file, bytes("new"), PosixFilePermissions.fromString("rw-r-----")))
                .isInstanceOf(IOException.class);

        assertThat(file).hasContent("old");
        assertThat(inTheWay).isDirectory();
    }

    @Test
    void aStagedReplacementIsInPlaceOnlyOnceCommitted() throws IOException {
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        StagedFile staged = AtomicFile.stageReplacement(file, bytes("new"), warnings::add);

        assertThat(staged.path()).hasParent(dir.toRealPath()).hasContent("new");
        assertThat(permissions(staged.path())).as("checked as it will be read").isEqualTo("rw-r-----");
        assertThat(file).hasContent("old");

        staged.commit();
        staged.discard();

        assertThat(file).hasContent("new");
        assertThat(entries()).containsExactly(file);
    }

    @Test
    void aDiscardedStagedFileLeavesTheTargetAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), "old");

        AtomicFile.stageReplacement(file, bytes("rejected"), warnings::add).discard();

        assertThat(file).hasContent("old");
        assertThat(entries()).containsExactly(file);
    }

    @Test
    void deleteSaysWhetherThereWasAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("flag"), "green");

        assertThat(AtomicFile.delete(file)).isTrue();
        assertThat(AtomicFile.delete(file)).isFalse();
        assertThat(file).doesNotExist();
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getFileAttributeView(file, PosixFileAttributeView.class)
                .readAttributes().permissions());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
