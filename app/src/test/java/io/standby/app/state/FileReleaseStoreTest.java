package io.standby.app.state;

import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Plan;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slots;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileReleaseStoreTest {

    @TempDir
    Path state;

    private final Slots slots = Slots.of(9501, 9502);
    private final Revision revision = new Revision("0123456789abcdef0123456789abcdef01234567", "Ann <ann@example.com>",
            "Add cart\n\nlonger text", Instant.parse("2026-11-22T10:00:00Z"));
    private final Release release = new Release(ReleaseId.of(Instant.parse("2026-11-22T10:01:00Z"), revision), revision,
            Path.of("/srv/shop/releases/20261122100100-0123456"));

    @Test
    void everyRecordSurvivesARoundTripThroughTheFiles() {
        FileReleaseStore store = new FileReleaseStore(state, new StateFiles());
        LiveRelease live = new LiveRelease(release, slots.green(), Instant.parse("2026-11-22T10:02:00Z"));
        Plan plan = new Plan(revision, slots.blue(), Optional.of(live), Trigger.POLL, Instant.parse("2026-11-22T10:03:00Z"));
        InFlight inFlight = new InFlight(plan, Optional.of(release), Stage.DRAINING);
        HistoryEntry entry = new HistoryEntry(revision, Optional.of(release), slots.green(), Trigger.DEPLOY, Result.LIVE,
                Stage.LIVE, "", Instant.parse("2026-11-22T10:01:00Z"), Instant.parse("2026-11-22T10:02:00Z"),
                List.of(new StageTiming(Stage.INSTALLING, Duration.ofMillis(2500))));
        SourceHealth health = SourceHealth.reachable(Instant.parse("2026-11-22T10:04:00Z")).failedAgain(Instant.parse("2026-11-22T10:05:00Z"), "refused");

        store.saveLive(live);
        store.saveInFlight(inFlight);
        store.append(entry);
        store.saveSourceHealth(health);

        FileReleaseStore reopened = new FileReleaseStore(state, new StateFiles());
        assertThat(reopened.live()).contains(live);
        assertThat(reopened.inFlight()).contains(inFlight);
        assertThat(reopened.history()).containsExactly(entry);
        assertThat(reopened.sourceHealth()).contains(health);
        reopened.clearInFlight();
        assertThat(new FileReleaseStore(state, new StateFiles()).inFlight()).isEmpty();
    }

    @Test
    void aHistoryLineCutOffByACrashIsSkippedAndTheRestIsKept() throws IOException {
        FileReleaseStore store = new FileReleaseStore(state, new StateFiles());
        HistoryEntry entry = new HistoryEntry(revision, Optional.empty(), slots.green(), Trigger.POLL, Result.FAILED,
                Stage.FETCHING, "refused", Instant.EPOCH, Instant.EPOCH, List.of());
        store.append(entry);
        Files.writeString(state.resolve("history.jsonl"), "{\"revision\":{\"sha\":\"01", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(store.history()).containsExactly(entry);
    }

    @Test
    void journalFilesAreNotReadableByOthers() throws IOException {
        FileReleaseStore store = new FileReleaseStore(state, new StateFiles());
        store.saveLive(new LiveRelease(release, slots.blue(), Instant.EPOCH));

        assertThat(Files.getPosixFilePermissions(state.resolve("live.json")))
                .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);
        assertThat(state.resolve(".live.json.tmp")).doesNotExist();
    }

    @Test
    void aFailedWriteNamesTheFileAndKeepsThePreviousContent() throws IOException {
        FileReleaseStore store = new FileReleaseStore(state, new StateFiles());
        LiveRelease before = new LiveRelease(release, slots.blue(), Instant.EPOCH);
        store.saveLive(before);
        // A directory where the temp file must go makes the write fail, as a full disk would.
        Files.createDirectory(state.resolve(".live.json.tmp"));

        assertThatThrownBy(() -> store.saveLive(new LiveRelease(release, slots.green(), Instant.EPOCH)))
                .hasMessageContaining("cannot write").hasMessageContaining("live.json").hasMessageContaining("may write to it");
        assertThat(store.live()).contains(before);
    }
}
