package io.standby.adapters.easyswoole;

import io.standby.adapters.easyswoole.Supervisorctl.NoSuchProgram;
import io.standby.adapters.easyswoole.Supervisorctl.Unreachable;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Asks supervisord, before any release, whether it answers and runs a program for each slot. */
public final class SupervisordCheck {

    private final SupervisordSettings settings;
    private final Supervisorctl supervisorctl;
    private final Slots slots;

    SupervisordCheck(SupervisordSettings settings, Supervisorctl supervisorctl, Slots slots) {
        this.settings = settings;
        this.supervisorctl = supervisorctl;
        this.slots = slots;
    }

    /** One line per problem, each with its cause and fix; empty when both slots' programs are known to supervisord. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Slot slot : slots.all()) {
            var status = supervisorctl.status(settings.program(slot));
            if (status instanceof Unreachable unreachable) {
                // The same answer for the other slot would only repeat it.
                return List.of(unreachable.problem());
            }
            if (status instanceof NoSuchProgram missing) {
                problems.add(missing.problem(slot, settings.link(slot)));
            }
            if (Files.isDirectory(settings.link(slot)) && !Files.isSymbolicLink(settings.link(slot))) {
                problems.add(settings.link(slot) + " is a directory, but Standby keeps a link there that it points at each"
                        + " release of slot " + slot.name() + ": move that directory away");
            }
        }
        return problems;
    }
}
