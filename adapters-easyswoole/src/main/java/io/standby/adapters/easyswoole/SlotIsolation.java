package io.standby.adapters.easyswoole;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the two slots' instances from sharing a pid file or a bridge socket. Both live in TEMP_DIR (the pid file
 * unless SETTING.pid_file moves it), which many projects set to an absolute path such as /tmp: two releases would
 * then overwrite each other's pid file, and `server stop` in the old release would signal the new master. Standby
 * gives each slot its own: {@code TEMP_DIR/standby-<slot>} and {@code <pid_file name>.standby-<slot>.pid}, written
 * into the release's mode file as it already writes the port. A value it cannot rewrite (computed, or relative in
 * daemon mode, where Swoole resolves it from /) is refused before anything starts, with the fix.
 */
final class SlotIsolation {

    private static final List<String> TEMP_DIR = List.of("TEMP_DIR");
    private static final List<String> PID_FILE = List.of("MAIN_SERVER", "SETTING", "pid_file");

    private final boolean daemon;

    SlotIsolation(boolean daemon) {
        this.daemon = daemon;
    }

    /** Done when nothing of the layout can be shared with the other slot, rewriting the mode file where it must. */
    Outcome apply(Layout layout, Slot slot, ModeConfig config) throws IOException {
        String mark = "standby-" + slot.name();
        if (sharesTemp(layout)) {
            Outcome temp = separate(layout, config, TEMP_DIR, "TEMP_DIR", layout.tempDir(),
                    layout.tempDir().replaceAll("/+$", "") + "/" + mark, mark);
            if (!temp.isDone()) {
                return temp;
            }
        }
        if (sharesPidFile(layout)) {
            String name = layout.pidFile();
            String separate = name.endsWith(".pid") ? name.substring(0, name.length() - 4) + "." + mark + ".pid" : name + "." + mark;
            return separate(layout, config, PID_FILE, "MAIN_SERVER.SETTING.pid_file", name, separate, mark);
        }
        return Outcome.done();
    }

    /** Whether {@link #apply} rewrites the mode file of a release with this layout, which then moves its files. */
    boolean rewrites(Layout layout) {
        return sharesTemp(layout) || sharesPidFile(layout);
    }

    private boolean sharesTemp(Layout layout) {
        return !layout.tempDir().isEmpty() && !layout.inside(layout.temp(daemon));
    }

    private boolean sharesPidFile(Layout layout) {
        return !layout.pidFile().isEmpty() && !layout.inside(layout.pidFiles(daemon).get(0));
    }

    private Outcome separate(Layout layout, ModeConfig config, List<String> keys, String setting, String value,
                             String separate, String mark) throws IOException {
        String file = layout.mode() + ".php";
        if (!Path.of(value).isAbsolute()) {
            return Outcome.failed(setting + " in " + file + " is the relative path '" + value + "': a Swoole daemon changes to /"
                    + " before it writes its files, so it would land in " + Path.of("/").resolve(value) + ", shared by both slots"
                    + " and out of reach of `server stop`; set it to null (EasySwoole then uses the release's Temp/) or to an absolute path, and commit");
        }
        if (value.contains(mark) || config.replaceString(keys, separate)) {
            return Outcome.done();
        }
        return Outcome.failed(setting + " in " + file + " resolves to " + value + ", outside the release, and is not a plain"
                + " string Standby can give each slot its own copy of: both slots would share its pid file and bridge socket."
                + " Write it as a literal path (Standby appends /" + mark + " per slot), or leave it null, and commit");
    }
}
