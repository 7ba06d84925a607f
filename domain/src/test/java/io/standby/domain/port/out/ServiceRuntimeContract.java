package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Release;
import io.standby.domain.model.Slot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ServiceRuntime} does, whatever runs the service. Implement it in a test class (a JUnit
 * {@code @Nested} class works) whose set-up gives fresh releases and free slots, and which stops in its
 * after-each whatever a test left running.
 */
public interface ServiceRuntimeContract {

    ServiceRuntime runtime();

    /** A release whose instance boots and listens on the slot's port. */
    Release bootableRelease();

    /** A release whose instance dies while booting. */
    Release crashingRelease();

    /** A slot on a port nothing listens on; a new one on each call. */
    Slot freeSlot();

    /** Makes something that is not a release hold the slot's port until the handle is closed. */
    AutoCloseable occupy(Slot slot) throws Exception;

    @Test
    default void startedReleaseListensOnItsSlotUntilStopped() {
        Release release = bootableRelease();
        Slot slot = freeSlot();

        assertThat(runtime().start(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime().isListening(slot)).isTrue();

        assertThat(runtime().stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime().isListening(slot)).isFalse();
    }

    @Test
    default void stoppingAReleaseThatDoesNotRunIsDone() {
        Release release = bootableRelease();
        Slot slot = freeSlot();

        assertThat(runtime().stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime().start(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime().stop(release, slot)).isEqualTo(Outcome.done());
        assertThat(runtime().stop(release, slot)).isEqualTo(Outcome.done());
    }

    @Test
    default void releaseThatCrashesWhileBootingFailsAndLeavesThePortFree() {
        Slot slot = freeSlot();

        Outcome outcome = runtime().start(crashingRelease(), slot);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(runtime().isListening(slot)).isFalse();
    }

    @Test
    default void portHeldByAnotherProcessIsRefused() throws Exception {
        Slot slot = freeSlot();
        try (AutoCloseable squatter = occupy(slot)) {
            Outcome outcome = runtime().start(bootableRelease(), slot);

            assertThat(outcome).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) outcome).reason()).contains(Integer.toString(slot.port()));
            assertThat(runtime().isListening(slot)).isTrue();
        }
    }

    @Test
    default void locateFindsTheDirectoryOfTheReleaseOnTheSlot() {
        Release release = bootableRelease();
        Slot slot = freeSlot();
        assertThat(runtime().locate(slot)).isEmpty();

        assertThat(runtime().start(release, slot)).isEqualTo(Outcome.done());
        Optional<Path> located = runtime().locate(slot);
        runtime().stop(release, slot);

        assertThat(located).hasValueSatisfying(directory ->
                assertThat(sameDirectory(directory, release.directory())).as("%s is %s", directory, release.directory()).isTrue());
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return a.equals(b) || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
        } catch (IOException e) {
            return false;
        }
    }
}
