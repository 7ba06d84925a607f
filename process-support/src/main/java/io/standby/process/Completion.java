package io.standby.process;

/**
 * How a program ended.
 *
 * @param exitCode its exit code; -1 if it never started or was killed
 * @param output   what it printed on stdout and stderr, interleaved, with terminal colour codes removed
 * @param stdout   what it printed on stdout alone: for output that is parsed, such as {@code nginx -T}'s dump
 * @param timedOut whether it was killed for running past its timeout
 */
public record Completion(int exitCode, String output, String stdout, boolean timedOut) {

    public Completion {
        output = output == null ? "" : output;
        stdout = stdout == null ? "" : stdout;
    }

    /** A completion whose stdout was not captured apart. */
    public Completion(int exitCode, String output, boolean timedOut) {
        this(exitCode, output, "", timedOut);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** The last lines of the output: enough for an operator to see why, short enough for a status line. */
    public String tail(int lines) {
        String[] all = output.strip().split("\\R");
        int from = Math.max(0, all.length - lines);
        return String.join(" | ", java.util.Arrays.copyOfRange(all, from, all.length)).strip();
    }
}
