package io.standby.app.fleet;

import io.standby.app.it.Programs;
import io.standby.app.it.Sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The fleet's git repository (bare, as a forge holds it) with v1 of the sample app, and a clone a developer pushes
 * from. The sample app runs two workers per slot here instead of four: a fleet on loopback runs many slots at once, on
 * machines with two cores.
 */
final class FleetRepository {

    private static final Duration COMMAND = Duration.ofMinutes(1);

    final Path bare;
    final String v1;
    private final Path work;

    private FleetRepository(Path bare, Path work) {
        this.bare = bare;
        this.work = work;
        Programs.runOrFail(work.getParent(), COMMAND, List.of("git", "init", "-q", "--bare", "--initial-branch=master", bare.toString()));
        Programs.runOrFail(work.getParent(), COMMAND, List.of("cp", "-r", Sandbox.SAMPLE_APP.toString(), work.toString()));
        Programs.runOrFail(work, COMMAND, List.of("rm", "-rf", "vendor", "Temp", "Log"));
        Path produce = work.resolve("produce.php");
        Sandbox.writeTo(produce, Sandbox.read(produce).replaceFirst("'worker_num' => \\d+,", "'worker_num' => 2,"));
        Programs.runOrFail(work, COMMAND, List.of("git", "init", "-q", "--initial-branch=master"));
        Programs.runOrFail(work, COMMAND, List.of("git", "remote", "add", "origin", bare.toUri().toString()));
        this.v1 = push("VERSION", "1", "v1");
    }

    /** In {@code dir}: git/app.git, and the developer's clone in work. */
    static FleetRepository atV1(Path dir) {
        return new FleetRepository(dir.resolve("git/app.git"), dir.resolve("work"));
    }

    /** Writes the file, commits and pushes it to master; the new commit's id. */
    String push(String file, String content, String message) {
        Sandbox.writeTo(work.resolve(file), content);
        Programs.runOrFail(work, COMMAND, List.of("git", "add", "-A"));
        Programs.runOrFail(work, COMMAND, List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com",
                "commit", "-q", "-m", message));
        Programs.runOrFail(work, COMMAND, List.of("git", "push", "-q", "origin", "HEAD:master"));
        return Programs.runOrFail(work, COMMAND, List.of("git", "rev-parse", "HEAD")).out().strip();
    }
}
