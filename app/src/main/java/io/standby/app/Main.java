package io.standby.app;

import io.standby.app.cli.StandbyCommand;

/** The agent's entry point: {@code java -jar standby.jar <command>}. */
public final class Main {

    // picocli registers, for every command line, a converter for each java.time and java.sql type it knows, loading
    // and initialising those classes (java.time's formatters among them) although no option of Standby's takes one.
    private static final String NO_CONVERTERS_FOR = "java\\.(time|sql)\\..*";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", NO_CONVERTERS_FOR);
        }
        System.exit(StandbyCommand.execute(args));
    }
}
