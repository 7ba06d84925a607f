package io.standby.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The pair of slots an application alternates between: while one serves, the other is idle. */
public record Slots(Slot blue, Slot green) {

    public Slots {
        Objects.requireNonNull(blue, "blue");
        Objects.requireNonNull(green, "green");
        if (blue.port() == green.port()) {
            throw new IllegalArgumentException("the two slots must use different ports, both are " + blue.port());
        }
        if (blue.name().equals(green.name())) {
            throw new IllegalArgumentException("the two slots must have different names, both are " + blue.name());
        }
    }

    public static Slots of(int bluePort, int greenPort) {
        return new Slots(new Slot("blue", bluePort), new Slot("green", greenPort));
    }

    /** The slot that is idle while the given one serves. */
    public Slot other(Slot slot) {
        if (slot.equals(blue)) {
            return green;
        }
        if (slot.equals(green)) {
            return blue;
        }
        throw new IllegalArgumentException(slot + " is not one of " + this);
    }

    public Optional<Slot> byPort(int port) {
        return all().stream().filter(s -> s.port() == port).findFirst();
    }

    public Optional<Slot> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<Slot> all() {
        return List.of(blue, green);
    }
}
