package io.standby.adapters.nginx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheContentAndKeepsThePermissions() throws IOException {
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        AtomicFile.replace(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void replacesTheTargetOfASymlinkAndKeepsTheLink() throws IOException {
        Path real = Files.writeString(dir.resolve("sites-available.conf"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("sites-enabled.conf"), real);

        AtomicFile.replace(link, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
    }
}
