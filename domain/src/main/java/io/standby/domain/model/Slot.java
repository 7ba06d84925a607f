package io.standby.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** One of the two places an instance of the service can run: a name and the port it listens on. */
public record Slot(String name, int port) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public Slot {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("slot name must be lower-case letters, digits or '-': '" + name + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("slot port must be between 1 and 65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return name + ":" + port;
    }
}
