package io.standby.os;

import java.util.Optional;

/**
 * A process as /proc/PID/stat describes it: its name (comm, which survives a process renaming itself), its state
 * and its lineage.
 */
public record ProcessStat(long pid, String name, char state, long parent, long group, long session) {

    /** Exited and only waiting for its parent (or init) to reap it, or being torn down. */
    public boolean zombie() {
        return state == 'Z' || state == 'X';
    }

    public boolean running() {
        return !zombie();
    }

    /** The fields of one stat line; empty if it is not one. */
    static Optional<ProcessStat> parse(long pid, String line) {
        // The name sits between the first "(" and the last ")" and may itself hold spaces and parentheses.
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= line.length()) {
            return Optional.empty();
        }
        // After the name: state, ppid, pgrp, session, ...
        String[] fields = line.substring(close + 2).split(" ");
        if (fields.length < 4 || fields[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessStat(pid, line.substring(open + 1, close), fields[0].charAt(0),
                    Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
