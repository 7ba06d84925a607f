package io.standby.adapters.easyswoole;

import io.standby.domain.model.Slot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How Standby reaches supervisord and which of its programs runs each slot. The app's configuration gives every
 * value its default and checks it (the program names each slot apart, with {@value #SLOT}); this record carries them.
 *
 * @param supervisorctl the supervisorctl program and any leading arguments, e.g. {@code [sudo, -n, supervisorctl]}
 * @param config        the supervisord.conf passed as {@code -c}; empty lets supervisorctl search its usual places
 * @param program       each slot's program name, {@code {slot}} standing for the slot's name, e.g. {@code shop-{slot}}
 * @param slotsDir      where the per-slot links live: {@code <slotsDir>/<slot>} is each program's {@code directory=}
 * @param timeout       how long one query (status, pid, tail) may take
 */
public record SupervisordSettings(List<String> supervisorctl, Optional<Path> config, String program, Path slotsDir,
                                  Duration timeout) {

    public static final String SLOT = "{slot}";

    public SupervisordSettings {
        supervisorctl = List.copyOf(supervisorctl);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(slotsDir, "slotsDir");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The supervisord program that runs the slot. */
    String program(Slot slot) {
        return program.replace(SLOT, slot.name());
    }

    /** The link Standby points at the slot's release: the program's {@code directory=}. */
    Path link(Slot slot) {
        return slotsDir.resolve(slot.name());
    }
}
