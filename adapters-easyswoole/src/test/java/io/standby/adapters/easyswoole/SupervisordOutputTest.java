package io.standby.adapters.easyswoole;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** supervisord appends each run of a slot's program to one log: only what a release added is quoted for it. */
class SupervisordOutputTest {

    @Test
    void onlyTheLinesAddedSinceTheStartAreQuoted() {
        var before = new SupervisordRuntime.Output("old release booted\nold release stopped\n", "");
        var after = new SupervisordRuntime.Output("old release booted\nold release stopped\nnew release: BOOT_CRASH\n", "Fatal error\n");

        assertThat(after.since(before)).isEqualTo("new release: BOOT_CRASH | Fatal error");
    }

    @Test
    void repeatedLinesFromAnEarlierRunAreNotTakenForNewOnes() {
        var before = new SupervisordRuntime.Output("booting\n", "");
        var after = new SupervisordRuntime.Output("booting\nbooting\n", "");

        assertThat(after.since(before)).isEqualTo("booting");
    }

    @Test
    void aTailThatHasMovedOnKeepsOnlyWhatFollowsTheOverlap() {
        var before = new SupervisordRuntime.Output("aaaa\nbbbb\n", "");
        var after = new SupervisordRuntime.Output("bbbb\ncccc\n", "");

        assertThat(after.since(before)).isEqualTo("cccc");
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
