package io.standby.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of the configuration file: its dotted name, its default as the README's table shows it, and the one check
 * of a value given for it. {@link ConfigKeys} lists them all; the config records read every value through its key.
 */
final class Key<T> {

    private final String name;
    private final boolean required;
    private final T fallback;
    private final String documented;
    private final Check<? super T> check;

    private Key(String name, boolean required, T fallback, String documented, Check<? super T> check) {
        this.name = Objects.requireNonNull(name, "name");
        this.required = required;
        this.fallback = fallback;
        this.documented = Objects.requireNonNull(documented, "documented");
        this.check = Objects.requireNonNull(check, "check");
    }

    /** What a value of a key must be, said as its cause and its fix. */
    @FunctionalInterface
    interface Check<T> {

        /** Empty when the value will do; otherwise what is wrong with it and what to write instead. */
        Optional<String> problem(T value);

        static <T> Check<T> none() {
            return value -> Optional.empty();
        }
    }

    /** A key that must be written in the file. */
    static <T> Key<T> required(String name, Check<? super T> check) {
        return new Key<>(name, true, null, "required", check);
    }

    /** A key whose default depends on other keys or on the machine; {@code documented} says so as the README does. */
    static <T> Key<T> derived(String name, String documented, Check<? super T> check) {
        return new Key<>(name, false, null, documented, check);
    }

    /** A duration, its default written as operators write one, e.g. {@code 30s}. */
    static Key<Duration> duration(String name, String written, Check<? super Duration> check) {
        return new Key<>(name, false, DurationText.parse(written), code(written), check);
    }

    /** An amount of bytes, its default written as operators write one, e.g. {@code 1MiB}. */
    static Key<ByteSize> size(String name, String written, Check<? super ByteSize> check) {
        return new Key<>(name, false, ByteSize.parse(written), code(written), check);
    }

    /** A list or a map that is empty when left out, which the README calls none. */
    static <T> Key<T> none(String name, T empty, Check<? super T> check) {
        return new Key<>(name, false, empty, "none", check);
    }

    /** A program and its arguments, shown as YAML's flow list. */
    static Key<List<String>> command(String name, List<String> fallback, Check<? super List<String>> check) {
        return new Key<>(name, false, List.copyOf(fallback), code("[" + String.join(", ", fallback) + "]"), check);
    }

    /** One of the values of an enum, written in lower case. */
    static <E extends Enum<E>> Key<E> choice(String name, E fallback) {
        return new Key<>(name, false, fallback, code(fallback.name().toLowerCase(Locale.ROOT)), Check.none());
    }

    /** Any other value with a fixed default; YAML reads a leading '{' as a map, so such a text is shown quoted. */
    static <T> Key<T> plain(String name, T fallback, Check<? super T> check) {
        String written = fallback.toString();
        return new Key<>(name, false, fallback, code(written.startsWith("{") ? "'" + written + "'" : written), check);
    }

    String name() {
        return name;
    }

    /** The README's default column for this key. */
    String documentedDefault() {
        return documented;
    }

    /** The value used when the key is left out, for keys whose default is one fixed value. */
    Optional<T> defaultValue() {
        return Optional.ofNullable(fallback);
    }

    /** The given value once checked; left out, the default (null when the key has no fixed one, or is required). */
    T read(T given) {
        if (given == null) {
            if (required) {
                throw missing();
            }
            return fallback;
        }
        return checked(given);
    }

    /** The given value once checked, for a key that must be there (perhaps only in one mode, as nginx's files). */
    T require(T given) {
        if (given == null) {
            throw missing();
        }
        return checked(given);
    }

    private T checked(T given) {
        if (given instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is empty: give it a value" + (required ? "" : ", or leave the key out"));
        }
        check.problem(given).ifPresent(problem -> {
            throw new IllegalArgumentException(name + " " + problem);
        });
        return given;
    }

    private IllegalArgumentException missing() {
        return new IllegalArgumentException("'" + name + "' is missing: add it to the configuration (see the README's configuration table)");
    }

    private static String code(String written) {
        return "`" + written + "`";
    }

    @Override
    public String toString() {
        return name;
    }
}
