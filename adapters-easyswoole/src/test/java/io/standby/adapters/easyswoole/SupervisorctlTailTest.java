package io.standby.adapters.easyswoole;

import io.standby.process.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * supervisorctl's answers to {@code tail}, replayed by a script: supervisord 4.2.5 cannot send a log holding the
 * terminal colours EasySwoole's banner prints, and says so on stdout in place of the log.
 */
class SupervisorctlTailTest {

    @TempDir
    Path dir;

    @Test
    void aLogSupervisordCannotSendIsAProblemNotTheProgramsOutput() throws IOException {
        Supervisorctl supervisorctl = answering("error: <class 'xml.parsers.expat.ExpatError'>, not well-formed (invalid token): line 12, column 40");

        Supervisorctl.Tail tail = supervisorctl.tail("shop-green", "stdout");

        assertThat(tail.text()).isEmpty();
        assertThat(tail.problem()).contains("ExpatError", "not well-formed");
    }

    @Test
    void aReadableLogIsTheProgramsOutput() throws IOException {
        Supervisorctl.Tail tail = answering("PHP Fatal error:  Uncaught Exception: BOOT_CRASH").tail("shop-green", "stderr");

        assertThat(tail.text()).contains("BOOT_CRASH");
        assertThat(tail.problem()).isEmpty();
    }

    @Test
    void anUnknownProgramHasNoOutput() throws IOException {
        Supervisorctl.Tail tail = answering("shop-green: ERROR (no such process name)").tail("shop-green", "stdout");

        assertThat(tail.text()).isEmpty();
        assertThat(tail.problem()).isEmpty();
    }

    private Supervisorctl answering(String line) throws IOException {
        Path script = dir.resolve("supervisorctl");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"" + line.replace("\"", "\\\"") + "\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        SupervisordSettings settings = new SupervisordSettings(List.of(script.toString()), Optional.empty(), "shop-{slot}",
                dir.resolve("slots"), Duration.ofSeconds(10));
        return new Supervisorctl(settings, new ProcessRunner());
    }
}
