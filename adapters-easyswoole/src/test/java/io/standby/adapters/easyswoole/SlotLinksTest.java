package io.standby.adapters.easyswoole;

import io.standby.domain.model.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotLinksTest {

    private static final Slot BLUE = new Slot("blue", 9501);

    @TempDir
    Path dir;

    @Test
    void pointingTheLinkAgainReplacesItAndLeavesNothingBeside() throws IOException {
        Path first = Files.createDirectories(dir.resolve("releases/1"));
        Path second = Files.createDirectories(dir.resolve("releases/2"));
        SlotLinks links = new SlotLinks(slot -> dir.resolve("slots").resolve(slot.name()));
        assertThat(links.target(BLUE)).isEmpty();

        links.point(BLUE, first);
        assertThat(links.target(BLUE)).contains(first);
        links.point(BLUE, second);

        assertThat(links.target(BLUE)).contains(second);
        assertThat(dir.resolve("slots/blue").toRealPath()).isEqualTo(second.toRealPath());
        try (var entries = Files.list(dir.resolve("slots"))) {
            assertThat(entries).containsExactly(dir.resolve("slots/blue"));
        }
    }

    @Test
    void releasingRemovesTheLinkOnlyWhileItPointsAtThatDirectory() throws IOException {
        Path first = Files.createDirectories(dir.resolve("releases/1"));
        Path second = Files.createDirectories(dir.resolve("releases/2"));
        SlotLinks links = new SlotLinks(slot -> dir.resolve("slots").resolve(slot.name()));
        links.point(BLUE, second);

        links.release(BLUE, first);
        assertThat(links.target(BLUE)).contains(second);

        links.release(BLUE, second);
        assertThat(links.target(BLUE)).isEmpty();
        assertThat(second).isDirectory();
        links.release(BLUE, second);
    }

    @Test
    void aDirectoryWhereTheLinkBelongsIsNotReplaced() throws IOException {
        Files.createDirectories(dir.resolve("slots/blue"));
        Files.writeString(dir.resolve("slots/blue/keep"), "");
        SlotLinks links = new SlotLinks(slot -> dir.resolve("slots").resolve(slot.name()));

        assertThatThrownBy(() -> links.point(BLUE, dir)).hasMessageContaining("is a directory, not the link");
        assertThat(dir.resolve("slots/blue/keep")).exists();
    }
}
