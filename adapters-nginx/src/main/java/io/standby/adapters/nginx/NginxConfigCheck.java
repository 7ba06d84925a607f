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
 * in flag mode the snippet, and a flag its workers can see; in reload mode that the file Standby edits is one nginx
 * reads; in both that the pid file is the one nginx writes. Otherwise a switch would edit a file that {@code nginx -t} never tests and the reload never
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
        // nginx -T prints the configuration on stdout and "syntax is ok" on stderr; only the former is parsed, once.
        List<String> files = NginxDump.files(dump.stdout());
        Optional<List<Directive>> tree;
        String unparsed = "";
        try {
            tree = Optional.of(NginxDump.tree(dump.stdout()));
        } catch (NginxConfigException e) {
            // nginx accepts more than Standby's parser (an OpenResty *_by_lua_block holds Lua, not directives).
            tree = Optional.empty();
            unparsed = e.getMessage();
        }
        if (settings.mode() == NginxSettings.Mode.RELOAD) {
            List<String> problems = new ArrayList<>(reloadProblems(files));
            tree.flatMap(this::pidProblem).ifPresent(problems::add);
            return problems;
        }
        // Which configuration was judged: a command that dumps another nginx than the one serving reads as a missing
        // snippet, and the operator must see which file was looked at.
        String judged = "in the configuration " + printedBy(files) + ": ";
        List<String> problems = new ArrayList<>(tree.map(NginxSnippet.of(settings)::problemsIn)
                .orElse(List.of(NginxSnippet.unreadable(unparsed))).stream()
                .map(problem -> judged + problem).toList());
        // The workers asked about the flag are found through the pid file: it must be the one this nginx writes.
        Optional<String> wrongPidFile = tree.flatMap(this::pidProblem);
        wrongPidFile.ifPresent(problems::add);
        if (wrongPidFile.isEmpty()) {
            new FlagVisibility(settings.flagFile(), settings.pidFile(), proc, runner).problem().ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * Both modes find the master through its pid file: reload mode to watch the old workers finish, flag mode to ask
     * its workers about the flag; without it no release can switch safely. Asked by check-config, not at the agent's
     * start: nginx may come up after the agent.
     */
    public Optional<String> masterProblem() {
        if (settings.pidFile() == null) {
            return Optional.empty();
        }
        NginxMaster master = new NginxMaster(settings.pidFile(), proc);
        try {
            if (master.pid().isPresent()) {
                return Optional.empty();
            }
        } catch (IllegalStateException unreadable) {
            return Optional.of(unreadable.getMessage());
        }
        return Optional.of(master.whyNotRunning() + ". Fix: start nginx; if it runs, set router.nginx.pid-file to the"
                + " file its pid directive names (`nginx -T | grep -w pid`)");
    }

    private List<String> reloadProblems(List<String> files) {
        List<String> problems = new ArrayList<>();
        if (!files.isEmpty() && files.stream().noneMatch(file -> sameFile(Path.of(file), settings.configFile()))) {
            problems.add("router.nginx.config-file " + settings.configFile() + " is not a file of the configuration "
                    + printedBy(files) + ": a switch would edit a file that `nginx -t` does not test and the reload"
                    + " does not load. Fix: include it from that configuration, or give router.nginx.test-command,"
                    + " reload-command and dump-command the -p and -c options nginx runs with");
        }
        return problems;
    }

    /** "`nginx -T` prints (its main file and N included)": which configuration a problem was found in. */
    private String printedBy(List<String> files) {
        return "`" + String.join(" ", settings.dumpCommand()) + "` prints" + (files.isEmpty() ? ""
                : " (" + files.get(0) + (files.size() > 1 ? " and " + (files.size() - 1) + " included" : "") + ")");
    }

    /** The pid file nginx writes (an absolute pid directive), if it is not router.nginx.pid-file. */
    private Optional<String> pidProblem(List<Directive> tree) {
        if (settings.pidFile() == null) {
            return Optional.empty();
        }
        return pidDirective(tree)
                // A relative pid path is relative to nginx's prefix, which the dump does not print.
                .filter(Path::isAbsolute)
                .filter(pid -> !sameFile(pid, settings.pidFile()))
                .map(pid -> "nginx writes its pid to " + pid + " (the pid directive of its configuration), but"
                        + " router.nginx.pid-file is " + settings.pidFile() + ": Standby would not find nginx's master."
                        + " Fix: set router.nginx.pid-file: " + pid);
    }

    /** The main context's pid directive. */
    private static Optional<Path> pidDirective(List<Directive> tree) {
        return tree.stream()
                .filter(d -> d.name().equals("pid") && d.block().isEmpty() && d.arguments().size() == 1)
                .map(d -> Path.of(d.arguments().get(0)))
                .findFirst();
    }

    /**
     * Whether two names lead to one file, links followed: nginx names a file as its include or directive spells it
     * (sites-enabled/x for sites-available/x, /var/run for /run). A pid file is missing while nginx is stopped, so
     * then the directories decide.
     */
    private static boolean sameFile(Path one, Path other) {
        if (one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.isSameFile(one, other);
        } catch (IOException | SecurityException e) {
            return realParent(one).flatMap(a -> realParent(other)
                            .map(b -> a.resolve(one.getFileName()).equals(b.resolve(other.getFileName()))))
                    .orElse(false);
        }
    }

    private static Optional<Path> realParent(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            return parent == null ? Optional.empty() : Optional.of(parent.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
