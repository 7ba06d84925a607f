package io.standby.domain.port.out;

import io.standby.domain.model.Outcome;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Slots;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link TrafficRouter} does, whatever proxy it drives. Implement it in a test class (a JUnit
 * {@code @Nested} class works) whose set-up gives a router over a running proxy and the slots it routes between.
 */
public interface TrafficRouterContract {

    /** A router over a proxy that routes to one of the slots (or neither) when the test starts. */
    Routing routing();

    /**
     * Puts the proxy out of reach the way it goes in production (HAProxy stopped, nginx's pid file gone) and returns
     * what brings it back as it comes back there; empty for a router that never needs to reach the proxy.
     */
    default Optional<AutoCloseable> outOfReach() {
        return Optional.empty();
    }

    /** The router under test and the two slots it switches between. */
    record Routing(TrafficRouter router, Slots slots) {
    }

    private TrafficRouter router() {
        return routing().router();
    }

    private Slots slots() {
        return routing().slots();
    }

    /** A switch the router says is done, after which it routes to that slot. */
    private void switchesTo(Slot slot) {
        assertThat(router().switchTo(slot)).isEqualTo(Outcome.done());
        assertThat(router().current()).contains(slot);
    }

    @Test
    default void currentIsTheSlotLastSwitchedTo() {
        switchesTo(slots().green());
    }

    @Test
    default void switchesBackAndForth() {
        assertThat(router().switchTo(slots().green())).isEqualTo(Outcome.done());
        switchesTo(slots().blue());

        switchesTo(slots().green());
    }

    @Test
    default void outOfReachItSaysSoWithTheDomainsExceptionAndOnceBackRoutesAsBefore() throws Exception {
        assertThat(router().switchTo(slots().green())).isEqualTo(Outcome.done());
        Optional<AutoCloseable> outage = outOfReach();
        assumeTrue(outage.isPresent(), "this router never needs to reach the proxy");

        try (AutoCloseable back = outage.get()) {
            assertThatThrownBy(() -> router().switchTo(slots().blue())).isInstanceOf(ProxyUnavailableException.class)
                    .as("the message says what to do").hasMessageMatching("(?is).*fix.*");
            assertThatThrownBy(() -> router().isDrained(slots().blue())).isInstanceOf(ProxyUnavailableException.class);
            try {
                assertThat(router().current()).as("answered from what the proxy will load").contains(slots().green());
            } catch (ProxyUnavailableException expected) {
                // Either answer is honest; any other exception is not.
            }
        }

        assertThat(router().current()).contains(slots().green());
        switchesTo(slots().blue());
    }

    @Test
    default void switchingToTheCurrentSlotAgainChangesNothing() {
        assertThat(router().switchTo(slots().blue())).isEqualTo(Outcome.done());

        switchesTo(slots().blue());
    }
}
