package io.standby.domain.service;

import io.standby.domain.fakes.World;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StagesTest {

    @Test
    void aSuccessfulReleasePassesThroughEveryStageBeforeLive() {
        World world = World.withLiveRelease();
        world.source.push("v2");

        world.deployer().pollOnce();

        assertThat(world.store.history().get(world.store.history().size() - 1).timings())
                .extracting(StageTiming::stage)
                .containsExactlyElementsOf(Arrays.stream(Stage.values()).filter(s -> s != Stage.LIVE).toList());
    }
}
