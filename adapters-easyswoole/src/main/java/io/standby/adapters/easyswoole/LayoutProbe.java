package io.standby.adapters.easyswoole;

import io.standby.domain.model.Durations;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a release's {@link Layout} by letting PHP evaluate its mode file, so that constants and expressions
 * ({@code EASYSWOOLE_ROOT . '/Temp'}) count as the framework will see them.
 */
final class LayoutProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String SCRIPT = script();

    private final String php;
    private final ProcessRunner runner;

    LayoutProbe(String php, ProcessRunner runner) {
        this.php = php;
        this.runner = runner;
    }

    /** The layout, or the reason PHP could not read the mode file (a parse error, a missing class...). */
    Probed read(Path root, String mode) {
        Completion completion = runner.run(Command.of(root, TIMEOUT, List.of(php, "-r", SCRIPT, "--", root.toString(), mode)));
        if (!completion.succeeded()) {
            return new Probed(Optional.empty(), completion.timedOut()
                    ? "reading " + mode + ".php did not finish within " + Durations.human(TIMEOUT)
                    : completion.tail(6));
        }
        Map<String, String> facts = new HashMap<>();
        completion.stdout().lines().forEach(line -> {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                facts.put(line.substring(0, tab), line.substring(tab + 1));
            }
        });
        String version = facts.getOrDefault("version", "");
        return new Probed(Optional.of(new Layout(root, mode, version.isEmpty() ? Optional.empty() : Optional.of(version),
                facts.getOrDefault("server_name", "EasySwoole"), facts.getOrDefault("temp_dir", ""),
                facts.getOrDefault("pid_file", ""))), "");
    }

    /** A layout, or why there is none. */
    record Probed(Optional<Layout> layout, String problem) {
        Layout orDefaults(Path root, String mode) {
            return layout.orElseGet(() -> Layout.defaults(root, mode));
        }
    }

    private static String script() {
        try (InputStream in = LayoutProbe.class.getResourceAsStream("layout.php")) {
            if (in == null) {
                throw new IllegalStateException("layout.php is missing from the jar");
            }
            // php -r takes the code without its opening tag.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("^<\\?php\\s*", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
