package io.standby.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void theEffectiveIdsAndTheGroupsAreReadFromProcStatus() {
        String status = "Name:\tnginx\nUid:\t0\t33\t33\t33\nGid:\t0\t33\t33\t33\nFDSize:\t64\nGroups:\t33 4 \n";

        assertThat(Credentials.parse(status)).contains(new Credentials(33, 33, Set.of(33, 4)));
        assertThat(Credentials.parse("Name:\tx\n")).isEmpty();
    }

    @Test
    void aDirectoryIsSearchedByTheBitsOfTheUsersClass() throws IOException {
        int owner = (Integer) Files.getAttribute(dir, "unix:uid");
        int group = (Integer) Files.getAttribute(dir, "unix:gid");
        Credentials stranger = new Credentials(owner + 54321, group + 54321, Set.of());
        Credentials member = new Credentials(owner + 54321, group + 54321, Set.of(group));

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(stranger.maySearch(dir)).isFalse();
        assertThat(member.maySearch(dir)).isTrue();
        assertThat(new Credentials(0, 0, Set.of()).maySearch(dir)).as("root").isTrue();

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx-----x"));
        assertThat(stranger.maySearch(dir)).isTrue();
        assertThat(member.maySearch(dir)).as("the group's bits decide for a member, not the others'").isFalse();
        assertThat(new Credentials(owner == 0 ? 54321 : owner, group, Set.of()).maySearch(dir)).isEqualTo(owner != 0);
    }
}
