package io.standby.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A program to run: an argument list, never a shell string, so that no branch name, path or
 * commit message can ever be read as shell syntax.
 *
 * @param arguments   the program and its arguments
 * @param directory   the working directory
 * @param timeout     how long it may run before it is killed
 * @param environment variables added to the agent's own environment
 * @param log         a file the program's output is appended to, if any
 */
public record Command(List<String> arguments, Path directory, Duration timeout, Map<String, String> environment,
                      Optional<Path> log) {

    public Command {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program to run");
        }
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command needs a timeout above zero");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(log, "log");
    }

    public static Command of(Path directory, Duration timeout, String... arguments) {
        return new Command(List.of(arguments), directory, timeout, Map.of(), Optional.empty());
    }

    public static Command of(Path directory, Duration timeout, List<String> arguments) {
        return new Command(arguments, directory, timeout, Map.of(), Optional.empty());
    }

    public Command withEnvironment(Map<String, String> variables) {
        return new Command(arguments, directory, timeout, variables, log);
    }

    public Command loggingTo(Path file) {
        return new Command(arguments, directory, timeout, environment, Optional.of(file));
    }

    /** The command as an operator would type it, for messages and logs. */
    public String display() {
        return String.join(" ", arguments);
    }
}
