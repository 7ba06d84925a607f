package io.standby.adapters.easyswoole;

import io.standby.domain.model.Release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Each release's log file, where the output of everything Standby runs for it is appended. */
final class ReleaseLogs {

    // The log keeps the programs' colours; a message quoting it must not.
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[ -/]*[@-~]");

    private final Path directory;

    ReleaseLogs(Path directory) {
        this.directory = directory;
    }

    Path of(Release release) {
        return directory.resolve(release.id().value() + ".log");
    }

    /** The last lines of the release's log, joined for a one-line message; empty if there is no log yet. */
    String tail(Release release, int lines) {
        try {
            String text = ANSI.matcher(Files.readString(of(release), StandardCharsets.UTF_8)).replaceAll("");
            String[] all = text.strip().split("\\R");
            int from = Math.max(0, all.length - lines);
            return String.join(" | ", Arrays.copyOfRange(all, from, all.length)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
