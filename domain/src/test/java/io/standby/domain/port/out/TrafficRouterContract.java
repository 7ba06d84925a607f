package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link TrafficRouter} does, whatever proxy it drives. Implement it in a test class (a JUnit
 * {@code @Nested} class works) whose set-up gives a router over a running proxy and the slots it routes between.
 */
public interface TrafficRouterContract {

    /** A router over a proxy that routes to one of {@link #slots()} (or neither) when the test starts. */
    TrafficRouter router();

    Slots slots();

    @Test
    default void currentIsTheSlotLastSwitchedTo() {
        Outcome outcome = router().switchTo(slots().green());

        assertThat(outcome).isEqualTo(Outcome.done());
        assertThat(router().current()).contains(slots().green());
    }

    @Test
    default void switchesBackAndForth() {
        assertThat(router().switchTo(slots().green())).isEqualTo(Outcome.done());
        assertThat(router().switchTo(slots().blue())).isEqualTo(Outcome.done());
        assertThat(router().current()).contains(slots().blue());

        assertThat(router().switchTo(slots().green())).isEqualTo(Outcome.done());
        assertThat(router().current()).contains(slots().green());
    }

    @Test
    default void switchingToTheCurrentSlotAgainChangesNothing() {
        assertThat(router().switchTo(slots().blue())).isEqualTo(Outcome.done());

        assertThat(router().switchTo(slots().blue())).isEqualTo(Outcome.done());
        assertThat(router().current()).contains(slots().blue());
    }
}
