package io.standby.domain.fleet;

import java.util.Objects;

/** A command waiting for the leader, under the id the coordination gave it (so that it is applied once). */
public record PendingCommand(String id, FleetCommand command) {

    public PendingCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(command, "command");
    }
}
