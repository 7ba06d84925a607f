package io.standby.domain.fleet;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a phase tells those who write it down (the coordination node, `fleet status`): when it came, and why an abort. */
class PhaseTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);

    @Test
    void eachPhaseAfterTheFirstWaveKeepsTheTimeItCameOrTheRolloutEnded() {
        Phase.Canary canary = new Phase.Canary();
        Phase.CanarySoak soak = canary.soak(T0);

        assertThat(canary.time()).isEmpty();
        assertThat(soak.time()).contains(T0);
        assertThat(soak.awaitPromotion(T1).time()).contains(T1);
        assertThat(soak.roll(T1).time()).contains(T1);
        assertThat(soak.roll(T0).done(T1).time()).contains(T1);
        assertThat(soak.abort("canary unhealthy", T0).time()).contains(T0);
        assertThat(soak.abort("canary unhealthy", T0).aborted(T1).time()).contains(T1);
    }

    @Test
    void onlyThePhasesOfAnAbortHaveAReason() {
        Phase.Aborting aborting = new Phase.Canary().abort("web-1 could not bring v3 up", T0);

        assertThat(aborting.abortReason()).contains("web-1 could not bring v3 up");
        assertThat(aborting.aborted(T1).abortReason()).contains("web-1 could not bring v3 up");
        assertThat(new Phase.Canary().abortReason()).isEmpty();
        assertThat(new Phase.Rolling(T0).abortReason()).isEmpty();
        assertThat(new Phase.Done(T1).abortReason()).isEmpty();
    }
}
