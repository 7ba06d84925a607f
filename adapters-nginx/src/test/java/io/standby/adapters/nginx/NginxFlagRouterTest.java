package io.standby.adapters.nginx;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class NginxFlagRouterTest {

    private static final Slots SLOTS = Slots.of(9501, 9502);

    @TempDir
    Path dir;

    @Test
    void greenCreatesTheFlagReadableByNginxAndBlueDeletesIt() throws IOException {
        Path flag = dir.resolve("green");
        NginxFlagRouter router = new NginxFlagRouter(TestSettings.flag(SLOTS, "app", flag));

        assertThat(router.switchTo(SLOTS.green())).isEqualTo(Outcome.done());
        assertThat(flag).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(flag))).isEqualTo("rw-r--r--");
        assertThat(router.current()).contains(SLOTS.green());

        assertThat(router.switchTo(SLOTS.blue())).isEqualTo(Outcome.done());
        assertThat(flag).doesNotExist();
        assertThat(router.current()).contains(SLOTS.blue());
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file is left behind").isEmpty();
        }
    }

    @Test
    void aMissingFlagDirectoryFailsWithTheFix() {
        Path flag = dir.resolve("missing").resolve("green");
        NginxFlagRouter router = new NginxFlagRouter(TestSettings.flag(SLOTS, "app", flag));

        Outcome outcome = router.switchTo(SLOTS.green());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .contains("the flag directory " + flag.getParent() + " does not exist")
                .contains("Fix: create it (mkdir -p " + flag.getParent() + ")"));
        assertThat(router.current()).contains(SLOTS.blue());
    }

    @Test
    void isAlwaysDrainedBecauseTheDomainsDrainMinimumDoesTheWaiting() {
        NginxFlagRouter router = new NginxFlagRouter(TestSettings.flag(SLOTS, "app", dir.resolve("green")));

        assertThat(router.isDrained(SLOTS.blue())).isTrue();
    }
}
