package io.standby.adapters.easyswoole;

import io.standby.domain.model.Slot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Standby reaches supervisord and which of its programs runs each slot; a null field takes its default.
 *
 * @param supervisorctl the supervisorctl program and any leading arguments, e.g. {@code [sudo, -n, supervisorctl]}
 *                      (default {@code [supervisorctl]})
 * @param config        the supervisord.conf passed as {@code -c}; empty lets supervisorctl search its usual places
 * @param program       each slot's program name, {@code {slot}} standing for the slot's name, e.g. {@code shop-{slot}}
 * @param slotsDir      where the per-slot links live: {@code <slotsDir>/<slot>} is each program's {@code directory=}
 * @param timeout       how long one query (status, pid, tail) may take (default 10s)
 */
public record SupervisordSettings(List<String> supervisorctl, Optional<Path> config, String program, Path slotsDir,
                                  Duration timeout) {

    public static final String SLOT = "{slot}";

    // supervisord's own names: a program, or group:program for one inside a [group:x].
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_.-]+:)?[A-Za-z0-9_.-]+");

    public SupervisordSettings {
        supervisorctl = supervisorctl == null ? List.of("supervisorctl") : List.copyOf(supervisorctl);
        config = config == null ? Optional.empty() : config;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(slotsDir, "slotsDir");
        if (supervisorctl.isEmpty() || supervisorctl.get(0).isBlank()) {
            throw new IllegalArgumentException("the supervisorctl command needs at least the program to run, e.g. supervisorctl");
        }
        // Without it both slots would be one program, and starting green would restart blue.
        if (!program.contains(SLOT)) {
            throw new IllegalArgumentException("the program name '" + program + "' must contain " + SLOT
                    + " so that each slot has its own program, e.g. shop-" + SLOT);
        }
        if (!NAME.matcher(program.replace(SLOT, "blue")).matches()) {
            throw new IllegalArgumentException("the program name '" + program + "' must be letters, digits, '.', '_', '-'"
                    + " (and group: in front for a program of a [group:x]), as supervisord names programs");
        }
        EasySwooleSettings.requirePositive(timeout, "supervisorctl timeout");
    }

    /** Defaults for an application: programs {@code <app>-blue} and {@code <app>-green}, found by supervisorctl's own search. */
    public static SupervisordSettings defaults(String app, Path slotsDir) {
        return new SupervisordSettings(null, null, defaultProgram(app), slotsDir, null);
    }

    /** The programs' names unless configured: {@code <app>-blue} and {@code <app>-green}. */
    public static String defaultProgram(String app) {
        return app + "-" + SLOT;
    }

    public SupervisordSettings withConfig(Path supervisordConf) {
        return new SupervisordSettings(supervisorctl, Optional.of(supervisordConf), program, slotsDir, timeout);
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
