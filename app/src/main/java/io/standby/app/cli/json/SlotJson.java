package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.standby.domain.model.Slot;

/** A slot: its name and the port its instance listens on. */
public record SlotJson(@JsonProperty("name") String name, @JsonProperty("port") int port) {

    static SlotJson of(Slot slot) {
        return new SlotJson(slot.name(), slot.port());
    }
}
