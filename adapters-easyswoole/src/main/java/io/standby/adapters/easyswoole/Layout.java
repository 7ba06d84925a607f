package io.standby.adapters.easyswoole;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an EasySwoole release keeps its runtime files, by the framework's own rules ({@code Core::sysDirectoryInit}):
 * {@code SETTING.pid_file} if set, else {@code TEMP_DIR/{mode}.pid} from 3.6.1 on and {@code TEMP_DIR/pid.pid} before;
 * {@code TEMP_DIR} empty meaning the release's {@code Temp/}. A relative path is resolved where the master writes it:
 * a Swoole daemon has already changed to {@code /} by then, a foreground master is still in the release directory.
 *
 * @param root       the release directory (EASYSWOOLE_ROOT)
 * @param mode       the run mode, whose file {@code <mode>.php} was read
 * @param version    easyswoole/easyswoole's version in the release's composer.lock, if it names one
 * @param serverName SERVER_NAME
 * @param tempDir    TEMP_DIR as configured; empty when unset or null
 * @param pidFile    MAIN_SERVER.SETTING.pid_file as configured; empty when unset
 */
record Layout(Path root, String mode, Optional<String> version, String serverName, String tempDir, String pidFile) {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    /** The framework's defaults, for a release whose mode file cannot be read. */
    static Layout defaults(Path root, String mode) {
        return new Layout(root, mode, Optional.empty(), "EasySwoole", "", "");
    }

    /** Where the master's pid file will be; both names while the EasySwoole version is unknown, the newer first. */
    List<Path> pidFiles(boolean daemon) {
        if (!pidFile.isEmpty()) {
            return List.of(resolve(pidFile, daemon));
        }
        Path temp = temp(daemon);
        return usesModeNames().map(modeNames -> List.of(temp.resolve(modeNames ? mode + ".pid" : "pid.pid")))
                .orElse(List.of(temp.resolve(mode + ".pid"), temp.resolve("pid.pid")));
    }

    /** TEMP_DIR as the master sees it: pid file (unless set apart), bridge socket, crontab and task sockets live there. */
    Path temp(boolean daemon) {
        return tempDir.isEmpty() ? root.resolve("Temp") : resolve(stripTrailingSlashes(tempDir), daemon);
    }

    /** The UNIX socket `server status` and the crontab commands talk to ({@code Bridge.php}). */
    Path bridgeSocket(boolean daemon) {
        return temp(daemon).resolve(serverName + "." + mode + ".bridge.sock");
    }

    /** Whether the release's version writes {@code {mode}.pid} (3.6.1 and later); empty when unknown. */
    Optional<Boolean> usesModeNames() {
        return version.map(VERSION::matcher).filter(Matcher::matches).map(m -> {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return major > 3 || (major == 3 && (minor > 6 || (minor == 6 && patch >= 1)));
        });
    }

    /** Whether a path lies inside the release directory, where nothing of another release can be. */
    boolean inside(Path path) {
        return path.normalize().startsWith(root.normalize());
    }

    private Path resolve(String configured, boolean daemon) {
        Path path = Path.of(configured);
        return path.isAbsolute() ? path.normalize() : (daemon ? Path.of("/") : root).resolve(path).normalize();
    }

    private static String stripTrailingSlashes(String path) {
        String stripped = path.replaceAll("/+$", "");
        return stripped.isEmpty() ? "/" : stripped;
    }
}
