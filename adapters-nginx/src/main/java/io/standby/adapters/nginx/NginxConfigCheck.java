package io.standby.adapters.nginx;

import io.standby.os.ProcFs;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks nginx for its whole configuration ({@code nginx -T}) and lists what the chosen mode needs but does not find:
 * in flag mode the snippet; in reload mode that the file Standby edits is one nginx reads, and that the pid file is
 * the one nginx writes. Otherwise a switch would edit a file that {@code nginx -t} never tests and the reload never
 * loads, and fail only then.
 */
public final class NginxConfigCheck {

    private final NginxSettings settings;
    private final ProcessRunner runner;
    private final ProcFs proc;

    NginxConfigCheck(NginxSettings settings, ProcessRunner runner, ProcFs proc) {
        this.settings = settings;
        this.runner = runner;
        this.proc = proc;
    }

    /** One line per problem, each with its fix; empty when nginx is set up as the mode expects. */
    public List<String> problems() {
        Completion dump = runner.run(Command.of(Path.of("").toAbsolutePath(), settings.commandTimeout(), settings.dumpCommand()));
        if (!dump.succeeded()) {
            return List.of("`" + String.join(" ", settings.dumpCommand()) + "` failed: " + dump.tail(4)
                    + ". Fix: make nginx's configuration pass `nginx -t`, and router.nginx.dump-command work for the user "
                    + "Standby runs as");
        }
        // nginx -T prints the configuration on stdout and "syntax is ok" on stderr; only the former is parsed.
        return settings.mode() == NginxSettings.Mode.FLAG
                ? NginxSnippet.of(settings).problemsIn(dump.stdout())
                : reloadProblems(dump.stdout());
    }

    /**
     * Reload mode finds the master through its pid file, to watch the old workers finish; without it no release
     * can switch. Asked by check-config, not at the agent's start: nginx may come up after the agent.
     */
    public Optional<String> masterProblem() {
        if (settings.mode() != NginxSettings.Mode.RELOAD) {
            return Optional.empty();
        }
        NginxMaster master = new NginxMaster(settings.pidFile(), proc);
        if (master.pid().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(master.whyNotRunning() + ". Fix: start nginx; if it runs, set router.nginx.pid-file to the"
                + " file its pid directive names (`nginx -T | grep -w pid`)");
    }

    private List<String> reloadProblems(String dump) {
        List<String> problems = new ArrayList<>();
        List<String> files = NginxDump.files(dump);
        if (!files.isEmpty() && files.stream().noneMatch(this::isConfigFile)) {
            problems.add("router.nginx.config-file " + settings.configFile() + " is not a file of the configuration `"
                    + String.join(" ", settings.dumpCommand()) + "` prints (" + files.get(0)
                    + (files.size() > 1 ? " and " + (files.size() - 1) + " included" : "") + "): a switch would edit a"
                    + " file that `nginx -t` does not test and the reload does not load. Fix: include it from that"
                    + " configuration, or give router.nginx.test-command, reload-command and dump-command the -p and -c"
                    + " options nginx runs with");
        }
        NginxDump.tree(dump).stream()
                .filter(d -> d.name().equals("pid") && d.block().isEmpty() && d.arguments().size() == 1)
                .map(d -> Path.of(d.arguments().get(0)))
                // A relative pid path is relative to nginx's prefix, which the dump does not print.
                .filter(Path::isAbsolute)
                .filter(pid -> !pid.normalize().equals(settings.pidFile().toAbsolutePath().normalize()))
                .findFirst()
                .ifPresent(pid -> problems.add("nginx writes its pid to " + pid + " (the pid directive of its"
                        + " configuration), but router.nginx.pid-file is " + settings.pidFile()
                        + ": Standby would not find nginx's master. Fix: set router.nginx.pid-file: " + pid));
        return problems;
    }

    /** The same file as config-file, named as nginx names it (an include through a symbolic link, say) or not. */
    private boolean isConfigFile(String dumped) {
        Path path = Path.of(dumped);
        if (path.normalize().equals(settings.configFile().toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.isSameFile(path, settings.configFile());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
