package io.standby.adapters.notify;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** History lines as the release pipeline writes them, for the notices under test. */
final class Entries {

    static final Instant STARTED = Instant.parse("2025-03-01T10:00:00Z");
    static final String SHA = "3f2a9c1d5e6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f";

    private Entries() {
    }

    static Revision revision(String sha) {
        return new Revision(sha, "Alice Li <alice@example.com>", "Fix cart totals\n\nRounding was per line.",
                Instant.parse("2025-03-01T09:58:00Z"));
    }

    /** A poll's release of {@code sha} that went live after the usual stages, 42.31 s in all. */
    static HistoryEntry live(String sha) {
        return entry(revision(sha), Trigger.POLL, Result.LIVE, Stage.LIVE, "");
    }

    /** A release that failed behind the proxy, while verifying, and was switched back. */
    static HistoryEntry switchedBack() {
        return entry(revision(SHA), Trigger.POLL, Result.ROLLED_BACK, Stage.VERIFYING,
                "health through the proxy answered 500 'db down' 3 times in the 5s watch window");
    }

    static HistoryEntry entry(Revision revision, Trigger trigger, Result result, Stage stage, String reason) {
        Release release = new Release(ReleaseId.of(STARTED, revision), revision, Path.of("/srv/shop/releases/x"));
        return new HistoryEntry(revision, Optional.of(release), new Slot("green", 9502), trigger, result, stage, reason,
                STARTED, STARTED.plusMillis(42_310), List.of(
                        new StageTiming(Stage.FETCHING, Duration.ofMillis(1_200)),
                        new StageTiming(Stage.INSTALLING, Duration.ofMillis(20_100)),
                        new StageTiming(Stage.STARTING, Duration.ofMillis(3_010)),
                        new StageTiming(Stage.CHECKING_HEALTH, Duration.ofMillis(900))));
    }

    /** A distinct 40-hex commit id per number from 1 to 15, its short form that digit seven times. */
    static String sha(int n) {
        return Integer.toHexString(n).repeat(40);
    }
}
