package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static io.standby.adapters.easyswoole.HttpHealthProbeTest.reason;
import static org.assertj.core.api.Assertions.assertThat;

class ModeConfigTest {

    private static final String EASYSWOOLE_STYLE = """
            <?php
            // 'PORT' => 1111, in a comment is not the entry
            return [
                'SERVER_NAME' => "EasySwoole",
                'MAIN_SERVER' => [
                    'LISTEN_ADDRESS' => '0.0.0.0',
                    'PORT' => 9501,
                    'SERVER_TYPE' => EASYSWOOLE_WEB_SERVER,
                    'SETTING' => [
                        'PORT' => 7777,
                        'worker_num' => 8,
                    ],
                    /* 'PORT' => 2222, */
                ],
                'REDIS' => ['host' => '127.0.0.1', 'PORT' => 6379],
                'TEMP_DIR' => null,
            ];
            """;

    @TempDir
    Path dir;

    @Test
    void onlyMainServersPortChanges() throws IOException {
        Path file = write(EASYSWOOLE_STYLE);

        assertThat(ModeConfig.read(file).setPort(9602)).isEqualTo(Outcome.done());

        assertThat(Files.readString(file)).isEqualTo(EASYSWOOLE_STYLE.replace("'PORT' => 9501,", "'PORT' => 9602,"));
    }

    @Test
    void oldArraySyntaxIsUnderstood() throws IOException {
        Path file = write("<?php\nreturn array(\n  'MAIN_SERVER' => array(\n    \"PORT\" => 9501\n  ),\n);\n");

        assertThat(ModeConfig.read(file).setPort(80)).isEqualTo(Outcome.done());

        assertThat(Files.readString(file)).contains("\"PORT\" => 80\n");
    }

    @Test
    void duplicatedPortEntryFailsAndLeavesTheFileAlone() throws IOException {
        String text = "<?php return ['MAIN_SERVER' => [\n'PORT' => 9501,\n'PORT' => 9502,\n]];";
        Path file = write(text);

        assertThat(reason(ModeConfig.read(file).setPort(9600))).contains("2 'PORT' entries", "exactly one", file.toString());
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void missingPortEntryFails() throws IOException {
        Path file = write("<?php return ['MAIN_SERVER' => ['LISTEN_ADDRESS' => '0.0.0.0'], 'PORT' => 1];");

        assertThat(reason(ModeConfig.read(file).setPort(9600))).contains("0 'PORT' entries", "'PORT' => 9501,");
    }

    @Test
    void missingMainServerFails() throws IOException {
        Path file = write("<?php return ['SERVER_NAME' => 'x'];");

        assertThat(reason(ModeConfig.read(file).setPort(9600))).contains("0 'MAIN_SERVER' entries");
    }

    @Test
    void computedPortFailsAndLeavesTheFileAlone() throws IOException {
        String text = "<?php return ['MAIN_SERVER' => ['PORT' => (int) getenv('PORT'), 'X' => 1]];";
        Path file = write(text);

        assertThat(reason(ModeConfig.read(file).setPort(9600))).contains("not a plain number", "(int) getenv('PORT')");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aLiteralStringIsReplacedAndNothingElse() throws IOException {
        Path file = write("<?php return ['TEMP_DIR' => '/var/tmp/app', // shared\n 'MAIN_SERVER' => ['SETTING' => ['pid_file' => '/run/a.pid']]];");
        ModeConfig config = ModeConfig.read(file);

        assertThat(config.replaceString(List.of("TEMP_DIR"), "/var/tmp/app/standby-blue")).isTrue();
        assertThat(config.replaceString(List.of("MAIN_SERVER", "SETTING", "pid_file"), "/run/it's.pid")).isTrue();

        assertThat(Files.readString(file)).isEqualTo("<?php return ['TEMP_DIR' => '/var/tmp/app/standby-blue', // shared\n"
                + " 'MAIN_SERVER' => ['SETTING' => ['pid_file' => '/run/it\\'s.pid']]];");
    }

    @Test
    void aComputedOrMissingValueIsNotReplaced() throws IOException {
        String text = "<?php return ['TEMP_DIR' => EASYSWOOLE_ROOT . '/Temp', 'LOG' => null, 'MAIN_SERVER' => []];";
        Path file = write(text);
        ModeConfig config = ModeConfig.read(file);

        assertThat(config.replaceString(List.of("TEMP_DIR"), "/x")).isFalse();
        assertThat(config.replaceString(List.of("LOG"), "/x")).isFalse();
        assertThat(config.replaceString(List.of("MAIN_SERVER", "SETTING", "pid_file"), "/x")).isFalse();
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void theFileKeepsItsPermissionsAndNothingIsLeftBeside() throws IOException {
        Path file = write(EASYSWOOLE_STYLE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));

        assertThat(ModeConfig.read(file).setPort(9602)).isEqualTo(Outcome.done());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("produce.php"), text);
    }
}
