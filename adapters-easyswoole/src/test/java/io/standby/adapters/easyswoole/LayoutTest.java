package io.standby.adapters.easyswoole;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The framework's rules for its runtime files (Core::sysDirectoryInit in EasySwoole 3.5.1 and 3.6.1+). */
class LayoutTest {

    private static final Path ROOT = Path.of("/srv/app/releases/r1");

    @Test
    void easySwoole361AndLaterNameThePidFileAfterTheMode() {
        Layout layout = layout("3.6.3", "", "");

        assertThat(layout.pidFiles(true)).containsExactly(ROOT.resolve("Temp/produce.pid"));
        assertThat(layout.bridgeSocket(true)).isEqualTo(ROOT.resolve("Temp/EasySwoole.produce.bridge.sock"));
        assertThat(layout("v3.7.1", "", "").pidFiles(true)).containsExactly(ROOT.resolve("Temp/produce.pid"));
        assertThat(layout("3.6.1", "", "").pidFiles(true)).containsExactly(ROOT.resolve("Temp/produce.pid"));
    }

    @Test
    void easySwoole35AndOlderUsePidPid() {
        assertThat(layout("3.5.1", "", "").pidFiles(true)).containsExactly(ROOT.resolve("Temp/pid.pid"));
        assertThat(layout("3.6.0", "", "").pidFiles(true)).containsExactly(ROOT.resolve("Temp/pid.pid"));
        assertThat(layout("v3.4.6", "", "").pidFiles(true)).containsExactly(ROOT.resolve("Temp/pid.pid"));
    }

    @Test
    void anUnknownVersionLooksAtBothNamesNewestFirst() {
        Layout layout = new Layout(ROOT, "produce", Optional.empty(), "EasySwoole", "", "");

        assertThat(layout.pidFiles(true)).containsExactly(ROOT.resolve("Temp/produce.pid"), ROOT.resolve("Temp/pid.pid"));
        assertThat(layout("dev-master", "", "").pidFiles(true)).hasSize(2);
    }

    @Test
    void settingPidFileOverridesTempDir() {
        assertThat(layout("3.6.3", "/var/tmp/app", "/run/app/server.pid").pidFiles(true)).containsExactly(Path.of("/run/app/server.pid"));
    }

    @Test
    void anAbsoluteTempDirHoldsThePidFileAndTheBridgeSocket() {
        Layout layout = layout("3.6.3", "/var/tmp/app/", "");

        assertThat(layout.pidFiles(true)).containsExactly(Path.of("/var/tmp/app/produce.pid"));
        assertThat(layout.bridgeSocket(true)).isEqualTo(Path.of("/var/tmp/app/EasySwoole.produce.bridge.sock"));
        assertThat(layout.inside(layout.temp(true))).isFalse();
    }

    @Test
    void aRelativePathLandsUnderRootForADaemonAndInTheReleaseInTheForeground() {
        Layout layout = layout("3.6.3", "Temp", "");

        assertThat(layout.pidFiles(true)).containsExactly(Path.of("/Temp/produce.pid"));
        assertThat(layout.pidFiles(false)).containsExactly(ROOT.resolve("Temp/produce.pid"));
    }

    private static Layout layout(String version, String tempDir, String pidFile) {
        return new Layout(ROOT, "produce", Optional.of(version), "EasySwoole", tempDir, pidFile);
    }
}
