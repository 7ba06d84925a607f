package io.standby.app.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in this JVM, as the operator's shell sees it: the exit code, out and err. */
record Ran(int exit, String out, String err) {

    static Ran standby(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = StandbyCommand.commandLine(args);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Ran(exit, out.toString(), err.toString());
    }
}
