package io.standby.app.wiring;

import io.standby.domain.model.Plan;
import io.standby.domain.model.Stage;
import io.standby.domain.port.out.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;

/** Writes the release timeline an operator follows: one line as each stage starts and one as it ends. */
final class Slf4jTimeline implements Timeline {

    private static final Logger LOG = LoggerFactory.getLogger("standby.timeline");

    @Override
    public void stageStarted(Plan plan, Stage stage) {
        LOG.info("{}  {}", who(plan), String.format(Locale.ROOT, "%-16s started", stage.label()));
    }

    @Override
    public void stageSucceeded(Plan plan, Stage stage, Duration took) {
        LOG.info("{}  {}", who(plan), String.format(Locale.ROOT, "%-16s done in %s", stage.label(), seconds(took)));
    }

    @Override
    public void stageFailed(Plan plan, Stage stage, Duration took, String reason) {
        LOG.warn("{}  {}", who(plan), String.format(Locale.ROOT, "%-16s FAILED after %s: %s", stage.label(), seconds(took), reason));
    }

    @Override
    public void note(String message) {
        LOG.info("{}", message);
    }

    private static String who(Plan plan) {
        return plan.trigger().name().toLowerCase(Locale.ROOT) + " " + plan.revision().shortSha() + " -> " + plan.slot();
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.2fs", took.toMillis() / 1000.0);
    }
}
