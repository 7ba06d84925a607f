package io.standby.app.config;

import io.standby.domain.model.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The checks several keys share, each saying what is wrong with a value and what to write instead. */
final class Checks {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Checks() {
    }

    /** A wait or a timeout: zero would never wait, or time out at once. */
    static Key.Check<Duration> positive() {
        return duration -> duration.isZero() || duration.isNegative()
                ? Optional.of("is zero: give a duration above zero, such as 500ms, 30s or 5m")
                : Optional.empty();
    }

    static Key.Check<Integer> atLeast(int minimum, String why) {
        return value -> value < minimum
                ? Optional.of("is " + value + ": it must be at least " + minimum + " " + why)
                : Optional.empty();
    }

    static Key.Check<Integer> port() {
        return port -> port < 1 || port > 65535
                ? Optional.of("is " + port + ", which is out of range: use a port between 1 and 65535")
                : Optional.empty();
    }

    /** A text that must fit a pattern; {@code rule} says the pattern in words, with an example. */
    static Key.Check<String> matching(Pattern pattern, String rule) {
        return text -> pattern.matcher(text).matches() ? Optional.empty() : Optional.of("'" + text + "' " + rule);
    }

    /** At most {@code maximum}: a larger value would hide a mistake (a clock skew of a day is a broken clock). */
    static Key.Check<Duration> atMost(Duration maximum, String written) {
        return duration -> duration.compareTo(maximum) > 0
                ? Optional.of("is " + Durations.human(duration) + ": it must be at most " + written)
                : Optional.empty();
    }

    /** Between two whole numbers, both included. */
    static Key.Check<Integer> between(int minimum, int maximum) {
        return value -> value < minimum || value > maximum
                ? Optional.of("is " + value + ": give a number from " + minimum + " to " + maximum)
                : Optional.empty();
    }

    /** The name of an environment variable: the file never holds a secret, only where to find it. */
    static Key.Check<String> variable(String example) {
        return name -> VARIABLE.matcher(name).matches() ? Optional.empty()
                : Optional.of("'" + name + "' is not the name of an environment variable: give the variable's name, such as "
                + example + ", never the secret itself");
    }

    /** A program and its arguments as a list: the program first. */
    static Key.Check<List<String>> command(String example) {
        return command -> command.isEmpty() || command.get(0).isBlank()
                ? Optional.of("names no program: give the program and its arguments as a list, such as " + example)
                : Optional.empty();
    }
}
