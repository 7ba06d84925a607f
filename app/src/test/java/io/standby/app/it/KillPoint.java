package io.standby.app.it;

import io.standby.domain.model.Stage;

import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/** Where in a release the agent is killed: as a stage's "started" line appears, or at a moment inside the stage. */
record KillPoint(String description, Stage stage, BiPredicate<Sandbox, String> reached, Duration delay) {

    static KillPoint asItStarts(Stage stage) {
        return new KillPoint(stage + " as it starts", stage, (sandbox, sha) -> started(sandbox, sha, stage), Duration.ZERO);
    }

    static KillPoint inside(Stage stage, String moment, BiPredicate<Sandbox, String> reached, Duration delay) {
        return new KillPoint(stage + " " + moment, stage, reached, delay);
    }

    static boolean started(Sandbox sandbox, String sha, Stage stage) {
        return Pattern.compile(Pattern.quote(sha) + " -> \\S+  " + Pattern.quote(stage.label()) + " +started")
                .matcher(sandbox.agentLog()).find();
    }

    @Override
    public String toString() {
        return description;
    }
}
