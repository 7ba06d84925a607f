package io.standby.app.hooks;

import io.standby.domain.model.Hook;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Outcome;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slots;
import io.standby.domain.model.Trigger;
import io.standby.process.ProcessRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Hooks run as real processes, in the release's directory, told about the release through the environment. */
class CommandHooksTest {

    @TempDir
    Path dir;

    private final Slots slots = Slots.of(9501, 9502);
    private Release v1;
    private Release v2;
    private Plan plan;

    @BeforeEach
    void twoReleases() throws IOException {
        v1 = release("1111111111111111111111111111111111111111", "2026-11-29T02:00:00Z");
        v2 = release("2222222222222222222222222222222222222222", "2026-11-29T03:00:00Z");
        plan = new Plan(v2.revision(), slots.green(), Optional.of(new LiveRelease(v1, slots.blue(), Instant.EPOCH)),
                Trigger.POLL, Instant.EPOCH);
    }

    @Test
    void aHookRunsInTheReleaseWithTheReleaseDescribedInItsEnvironment() throws IOException {
        CommandHooks hooks = hooks(Map.of(Hook.AFTER_INSTALL, List.of(List.of("sh", "-c",
                "echo \"$STANDBY_HOOK $STANDBY_APP $STANDBY_COMMIT $STANDBY_SLOT $STANDBY_PORT"
                        + " $STANDBY_PREVIOUS_COMMIT $STANDBY_PREVIOUS_SLOT $STANDBY_PREVIOUS_PORT\" > hook.out; pwd >> hook.out"))));

        assertThat(hooks.run(Hook.AFTER_INSTALL, plan, v2)).isEqualTo(Outcome.done());

        assertThat(Files.readAllLines(v2.directory().resolve("hook.out"))).containsExactly(
                "after-install shop 2222222222222222222222222222222222222222 green 9502"
                        + " 1111111111111111111111111111111111111111 blue 9501",
                v2.directory().toRealPath().toString());
    }

    @Test
    void theFirstFailingCommandEndsTheHookAndItsOutputIsQuotedAndLogged() {
        CommandHooks hooks = hooks(Map.of(Hook.BEFORE_SWITCH, List.of(
                List.of("sh", "-c", "echo migrating; echo 'SQLSTATE[42S01]: table exists' >&2; exit 3"),
                List.of("touch", "second-ran"))));

        Outcome outcome = hooks.run(Hook.BEFORE_SWITCH, plan, v2);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> assertThat(failed.reason())
                .startsWith("sh -c echo migrating")
                .contains("exited with 3").contains("SQLSTATE[42S01]: table exists"));
        assertThat(v2.directory().resolve("second-ran")).doesNotExist();
        assertThat(dir.resolve("logs").resolve(v2.id().value() + ".log")).content().contains("migrating", "SQLSTATE");
    }

    @Test
    void aHookThatRunsTooLongIsKilledAndFails() {
        CommandHooks hooks = new CommandHooks("shop", new HookCommands(Map.of(Hook.AFTER_INSTALL,
                List.of(List.of("sleep", "30"))), Duration.ofMillis(300)), dir.resolve("logs"), new ProcessRunner());

        Outcome outcome = hooks.run(Hook.AFTER_INSTALL, plan, v2);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed ->
                assertThat(failed.reason()).startsWith("sleep 30 did not finish within"));
    }

    @Test
    void aPointWithoutCommandsIsDone() {
        assertThat(hooks(Map.of()).run(Hook.AFTER_SWITCH, plan, v2)).isEqualTo(Outcome.done());
    }

    private CommandHooks hooks(Map<Hook, List<List<String>>> commands) {
        return new CommandHooks("shop", new HookCommands(commands, Duration.ofSeconds(20)), dir.resolve("logs"),
                new ProcessRunner());
    }

    private Release release(String sha, String at) throws IOException {
        Revision revision = new Revision(sha, "Ada", "commit " + sha.charAt(0), Instant.EPOCH);
        ReleaseId id = ReleaseId.of(Instant.parse(at), revision);
        Path directory = Files.createDirectories(dir.resolve("releases").resolve(id.value()));
        return new Release(id, revision, directory);
    }
}
