package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link HealthProbe} does, whatever it asks. Implement it in a test class (a JUnit {@code @Nested}
 * class works) whose set-up runs a healthy and an unhealthy instance and knows a slot where nothing runs.
 */
public interface HealthProbeContract {

    /** A probe that gives up quickly: a few attempts, short timeouts. */
    HealthProbe probe();

    Slot healthySlot();

    /** A slot whose instance answers, but not healthy. */
    Slot unhealthySlot();

    /** A slot where nothing listens. */
    Slot deadSlot();

    /** The commit the healthy instance runs. */
    Revision expected();

    @Test
    default void healthyInstanceIsDone() {
        assertThat(probe().checkInstance(healthySlot(), expected())).isEqualTo(Outcome.done());
    }

    @Test
    default void unhealthyInstanceFailsWithAReason() {
        assertThat(probe().checkInstance(unhealthySlot(), expected())).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.reason()).isNotBlank());
    }

    @Test
    default void slotWhereNothingRunsFailsWithAReason() {
        Slot dead = deadSlot();

        assertThat(probe().checkInstance(dead, expected())).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.reason()).contains(Integer.toString(dead.port())));
    }
}
