package io.standby.adapters.easyswoole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** supervisord appends each run of a slot's program to one log: only what a release added is quoted for it. */
class SupervisordOutputTest {

    static Stream<Arguments> logsBeforeAndAfter() {
        return Stream.of(
                arguments("only the lines added since the start are quoted",
                        new SupervisordRuntime.Output("old release booted\nold release stopped\n", ""),
                        new SupervisordRuntime.Output("old release booted\nold release stopped\nnew release: BOOT_CRASH\n", "Fatal error\n"),
                        "new release: BOOT_CRASH | Fatal error"),
                arguments("repeated lines from an earlier run are not taken for new ones",
                        new SupervisordRuntime.Output("booting\n", ""),
                        new SupervisordRuntime.Output("booting\nbooting\n", ""),
                        "booting"),
                arguments("a tail that has moved on keeps only what follows the overlap",
                        new SupervisordRuntime.Output("aaaa\nbbbb\n", ""),
                        new SupervisordRuntime.Output("bbbb\ncccc\n", ""),
                        "cccc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logsBeforeAndAfter")
    void quotesWhatTheReleaseAdded(String description, SupervisordRuntime.Output before, SupervisordRuntime.Output after,
                                   String quoted) {
        assertThat(after.since(before)).isEqualTo(quoted);
    }

    @Test
    void phpsStackFramesGiveWayToTheErrorAndARetrySaysItOnce() {
        String crash = "PHP Fatal error:  Uncaught RuntimeException: BOOT_CRASH is present in /r/EasySwooleEvent.php:35\n"
                + "Stack trace:\n#0 /r/vendor/easyswoole/easyswoole/src/Core.php(77): mainServerCreate()\n#1 {main}\n"
                + "  thrown in /r/EasySwooleEvent.php on line 35\n";
        var after = new SupervisordRuntime.Output(crash + crash, "");

        assertThat(after.since(new SupervisordRuntime.Output("", ""))).isEqualTo("PHP Fatal error:  Uncaught RuntimeException:"
                + " BOOT_CRASH is present in /r/EasySwooleEvent.php:35 | thrown in /r/EasySwooleEvent.php on line 35");
    }

    @Test
    void nothingAddedIsEmpty() {
        var same = new SupervisordRuntime.Output("x\n", "y\n");

        assertThat(same.since(same)).isEmpty();
    }
}
