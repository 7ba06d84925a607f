package io.standby.adapters.easyswoole;

import io.standby.domain.model.Durations;
import io.standby.domain.model.Slot;
import io.standby.process.Command;
import io.standby.process.Completion;
import io.standby.process.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * supervisord as {@code supervisorctl} shows it (Debian's supervisor 4.2). Its exit codes mix "not running" with
 * "cannot connect" (both 4 for {@code status}), so answers are read from its output, which is stable across 3.x and 4.x.
 */
final class Supervisorctl {

    private static final Pattern STATUS = Pattern.compile("(\\S+)\\s+([A-Z]+)\\b\\s*(.*)");
    private static final Pattern NO_SUCH = Pattern.compile("\\S+: ERROR \\(no such (process|group)( name)?\\)|No such process \\S+");
    private static final Pattern ERROR = Pattern.compile("\\S+: ERROR \\(.*\\)");
    private static final Pattern CLIENT_ERROR = Pattern.compile("error: .*", Pattern.DOTALL);
    private static final int TAIL_BYTES = 4000;

    private final SupervisordSettings settings;
    private final ProcessRunner runner;

    Supervisorctl(SupervisordSettings settings, ProcessRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    /** A program's states as supervisord names them. */
    enum State {
        STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, UNKNOWN;

        /** Whether supervisord keeps a process of the program alive, or is about to spawn one again. */
        boolean active() {
            return this == STARTING || this == RUNNING || this == BACKOFF || this == STOPPING;
        }
    }

    /** What supervisord answers about a program. */
    sealed interface Status permits Program, NoSuchProgram, Unreachable {
    }

    /** A program supervisord knows, e.g. RUNNING with "pid 9691, uptime 0:00:02", BACKOFF with "Exited too quickly". */
    record Program(String name, State state, String description) implements Status {
        @Override
        public String toString() {
            return name + " is " + state + (description.isEmpty() ? "" : " (" + description + ")");
        }
    }

    /** supervisord answers but has no such program: its section is missing, or was added without {@code supervisorctl update}. */
    record NoSuchProgram(String name) implements Status {
        String problem(Slot slot, Path link) {
            return "supervisord has no program " + name + " for slot " + slot.name() + ": add a [program:" + name
                    + "] section with directory=" + link + " (the README's \"Running under supervisord\") and run"
                    + " `supervisorctl reread` and `supervisorctl add " + name + "`, or name the programs supervisord has"
                    + " in the config (service.supervisord.program)";
        }
    }

    /** supervisorctl cannot run, or cannot reach supervisord; {@code answer} is what it printed. */
    record Unreachable(String command, String answer) implements Status {
        String problem() {
            String fix;
            if (answer.startsWith("could not run")) {
                fix = "install supervisor (apt-get install supervisor), or give the supervisorctl command in the config"
                        + " (service.supervisord.supervisorctl)";
            } else if (answer.contains("could not find config file")) {
                fix = "point service.supervisord.config at the supervisord.conf that supervisord runs with";
            } else if (answer.contains("ermission denied")) {
                fix = "let Standby's user use supervisord's socket (chown and chmod in its [unix_http_server] section)";
            } else {
                fix = "start supervisord (systemctl start supervisor), or point service.supervisord.config at the"
                        + " supervisord.conf it runs with, whose [supervisorctl] serverurl names its socket";
            }
            return "`" + command + "` cannot reach supervisord (" + answer + "): " + fix;
        }
    }

    Status status(String program) {
        Command command = command(settings.timeout(), "status", program);
        Completion done = runner.run(command);
        String output = done.output().strip();
        Matcher line = STATUS.matcher(output);
        if (!done.timedOut() && line.matches() && line.group(1).equals(program)) {
            State state = parseState(line.group(2));
            if (state != null) {
                return new Program(program, state, line.group(3).strip());
            }
        }
        if (!done.timedOut() && NO_SUCH.matcher(output).matches()) {
            return new NoSuchProgram(program);
        }
        return new Unreachable(command.display(), done.timedOut()
                ? "no answer within " + Durations.human(settings.timeout())
                : done.tail(3).isEmpty() ? "exit code " + done.exitCode() : done.tail(3));
    }

    /** The pid of the program's process while it has one. */
    OptionalLong pid(String program) {
        Completion done = runner.run(command(settings.timeout(), "pid", program));
        try {
            long pid = Long.parseLong(done.output().strip());
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Starts the program; supervisorctl returns once supervisord counts it RUNNING (after startsecs) or gives up. */
    Completion start(String program, Duration timeout, Path log) {
        return runner.run(command(timeout, "start", program).loggingTo(log));
    }

    /** Stops the program: stopsignal, stopwaitsecs, then SIGKILL, to its group with stopasgroup/killasgroup. */
    Completion stop(String program, Duration timeout, Optional<Path> log) {
        Command stop = command(timeout, "stop", program);
        return runner.run(log.map(stop::loggingTo).orElse(stop));
    }

    /**
     * The end of what the program printed on the stream (stdout or stderr) across its runs; empty if it has no such log.
     * A log supervisord cannot send is a {@link Tail#problem()}: its XML-RPC reply breaks on the terminal colours
     * EasySwoole's banner prints (ESC is not allowed in XML), and supervisorctl then prints {@code error: <class
     * 'xml.parsers.expat.ExpatError'>, ...} in place of the log, which must not pass for what the program said.
     */
    Tail tail(String program, String stream) {
        Completion done = runner.run(command(settings.timeout(), "tail", "-" + TAIL_BYTES, program, stream));
        String output = done.output();
        if (CLIENT_ERROR.matcher(output.strip()).matches()) {
            return new Tail("", output.strip());
        }
        return new Tail(!done.succeeded() || ERROR.matcher(output.strip()).matches() ? "" : output, "");
    }

    /** What a log's end holds, or why supervisorctl could not read it. */
    record Tail(String text, String problem) {
    }

    /** The command as an operator would type it, for messages. */
    String display(String... arguments) {
        return command(settings.timeout(), arguments).display();
    }

    private Command command(Duration timeout, String... arguments) {
        List<String> line = new ArrayList<>(settings.supervisorctl());
        settings.config().ifPresent(conf -> line.addAll(List.of("-c", conf.toString())));
        line.addAll(List.of(arguments));
        // Anywhere will do: supervisorctl resolves nothing against its working directory but a relative -c.
        return Command.of(Path.of("").toAbsolutePath(), timeout, line);
    }

    private static State parseState(String word) {
        try {
            return State.valueOf(word);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
