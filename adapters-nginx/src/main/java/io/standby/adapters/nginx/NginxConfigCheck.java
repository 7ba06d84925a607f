package io.standby.adapters.nginx;

import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.nio.file.Path;
import java.util.List;

/** Asks nginx for its whole configuration ({@code nginx -T}) and lists what flag mode needs but does not find. */
public final class NginxConfigCheck {

    private final NginxSettings settings;
    private final NginxSnippet snippet;
    private final ProcessRunner runner;

    NginxConfigCheck(NginxSettings settings, NginxSnippet snippet, ProcessRunner runner) {
        this.settings = settings;
        this.snippet = snippet;
        this.runner = runner;
    }

    /** One line per problem, each with its fix; empty when nginx routes by the flag as Standby expects. */
    public List<String> problems() {
        Completion dump = runner.run(Command.of(Path.of("").toAbsolutePath(), settings.commandTimeout(), settings.dumpCommand()));
        if (!dump.succeeded()) {
            return List.of("`" + String.join(" ", settings.dumpCommand()) + "` failed: " + dump.tail(4)
                    + ". Fix: make nginx's configuration pass `nginx -t`, and the dump command setting work for the user "
                    + "Standby runs as");
        }
        // nginx -T prints the configuration on stdout and "syntax is ok" on stderr; only the former is parsed.
        return snippet.problemsIn(dump.stdout());
    }
}
