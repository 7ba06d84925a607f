package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static io.standby.adapters.easyswoole.HttpHealthProbeTest.reason;
import static org.assertj.core.api.Assertions.assertThat;

class SlotIsolationTest {

    private static final Slot BLUE = new Slot("blue", 9501);

    @TempDir
    Path root;

    private final SlotIsolation isolation = new SlotIsolation(true);

    @Test
    void aTempDirInsideTheReleaseIsLeftAsItIs() throws IOException {
        String text = "<?php return ['TEMP_DIR' => null, 'MAIN_SERVER' => ['PORT' => 9501]];";
        Path file = write(text);

        assertThat(isolation.apply(layout("", ""), BLUE, ModeConfig.read(file))).isEqualTo(Outcome.done());
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void anAbsoluteTempDirGetsOneDirectoryPerSlot() throws IOException {
        Path file = write("<?php return ['TEMP_DIR' => '/var/tmp/app/', 'MAIN_SERVER' => ['PORT' => 9501]];");

        assertThat(isolation.apply(layout("/var/tmp/app/", ""), BLUE, ModeConfig.read(file))).isEqualTo(Outcome.done());

        assertThat(Files.readString(file)).contains("'TEMP_DIR' => '/var/tmp/app/standby-blue'");
    }

    @Test
    void anAbsolutePidFileGetsOneNamePerSlot() throws IOException {
        Path file = write("<?php return ['MAIN_SERVER' => ['PORT' => 9501, 'SETTING' => ['pid_file' => '/run/app.pid']]];");

        assertThat(isolation.apply(layout("", "/run/app.pid"), BLUE, ModeConfig.read(file))).isEqualTo(Outcome.done());

        assertThat(Files.readString(file)).contains("'pid_file' => '/run/app.standby-blue.pid'");
    }

    @Test
    void aComputedTempDirOutsideTheReleaseIsRefusedWithTheFix() throws IOException {
        String text = "<?php return ['TEMP_DIR' => sys_get_temp_dir(), 'MAIN_SERVER' => ['PORT' => 9501]];";
        Path file = write(text);

        Outcome outcome = isolation.apply(layout("/tmp", ""), BLUE, ModeConfig.read(file));

        assertThat(reason(outcome)).contains("TEMP_DIR", "/tmp", "outside the release", "literal path", "null");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aRelativeTempDirIsRefusedForADaemon() throws IOException {
        Path file = write("<?php return ['TEMP_DIR' => 'Temp', 'MAIN_SERVER' => ['PORT' => 9501]];");

        assertThat(reason(isolation.apply(layout("Temp", ""), BLUE, ModeConfig.read(file))))
                .contains("relative path 'Temp'", "/Temp", "set it to null");
    }

    private Layout layout(String tempDir, String pidFile) {
        return new Layout(root, "produce", Optional.of("3.6.3"), "EasySwoole", tempDir, pidFile);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(root.resolve("produce.php"), text);
    }
}
