package io.standby.domain.fleet;

import java.util.Objects;
import java.util.regex.Pattern;

/** A server of the fleet, by the name its agent registers under; safe as one element of a path. */
public record HostName(String value) implements Comparable<HostName> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    public HostName {
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("a host name is lower-case letters, digits, '.' or '-' (at most 63): '" + value + "'");
        }
    }

    @Override
    public int compareTo(HostName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
