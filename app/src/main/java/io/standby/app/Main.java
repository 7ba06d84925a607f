package io.standby.app;

import io.standby.app.cli.StandbyCommand;

/** The agent's entry point: {@code java -jar standby.jar <command>}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(StandbyCommand.execute(args));
    }
}
