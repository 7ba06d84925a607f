package io.standby.app.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StageTiming;
import io.standby.domain.model.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journal outlives the Standby that wrote it: what was written before the journal had a schema (the files under
 * {@code journal/v0}, see its README) still loads, what this version writes is that layout with a schema first, and
 * a journal from a newer Standby is neither read nor overwritten.
 */
class JournalCompatibilityTest {

    private static final List<String> FILES = List.of("live.json", "in-flight.json", "source.json", "history.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    @Test
    void theJournalOfReleasesAndRollBacksWrittenBeforeTheSchemaStillLoads() throws IOException {
        FileReleaseStore store = storeWith("rollback-it");

        LiveRelease live = store.live().orElseThrow();
        assertThat(live.release().id().value()).isEqualTo("20261129023247-6f38422");
        assertThat(live.release().revision().sha()).isEqualTo("6f38422c74a64f6279860545c9a031e7929fa10d");
        assertThat(live.release().revision().subject()).isEqualTo("v2: say version 2");
        assertThat(live.release().directory())
                .isEqualTo(Path.of("/tmp/junit-17625185888487487169/state/releases/20261129023247-6f38422"));
        assertThat(live.slot()).isEqualTo(new Slot("blue", 50571));
        assertThat(live.since()).isEqualTo(Instant.parse("2026-11-29T02:33:33.711562643Z"));
        assertThat(store.inFlight()).isEmpty();
        assertThat(store.sourceHealth()).contains(new SourceHealth(Instant.parse("2026-11-29T02:33:10.250563825Z"), Optional.empty(), 0));

        List<HistoryEntry> history = store.history();
        assertThat(history).extracting(HistoryEntry::result).containsExactly(Result.ADOPTED, Result.LIVE, Result.LIVE,
                Result.LIVE, Result.ROLLED_AWAY, Result.LIVE, Result.LIVE, Result.LIVE, Result.ROLLED_AWAY);
        assertThat(history).extracting(HistoryEntry::trigger).containsExactly(Trigger.START_UP, Trigger.DEPLOY,
                Trigger.DEPLOY, Trigger.ROLLBACK, Trigger.ROLLBACK, Trigger.POLL, Trigger.DEPLOY, Trigger.ROLLBACK, Trigger.ROLLBACK);
        HistoryEntry adopted = history.get(0);
        assertThat(adopted.release().orElseThrow().directory()).isEqualTo(Path.of("/tmp/junit-17625185888487487169/current"));
        assertThat(adopted.reason()).startsWith("adopted the instance already serving on port 50571");
        assertThat(history.get(1).timings()).hasSize(8).startsWith(new StageTiming(Stage.FETCHING, Duration.parse("PT0.032933914S")));
        assertThat(history.get(1).took()).isEqualTo(Duration.parse("PT5.216468487S"));
    }

    @Test
    void aReleaseInFlightWrittenBeforeTheSchemaStillLoads() throws IOException {
        FileReleaseStore store = storeWith("mid-release");

        InFlight inFlight = store.inFlight().orElseThrow();
        assertThat(inFlight.stage()).isEqualTo(Stage.DRAINING);
        assertThat(inFlight.plan().trigger()).isEqualTo(Trigger.DEPLOY);
        assertThat(inFlight.plan().slot()).isEqualTo(new Slot("blue", 9501));
        assertThat(inFlight.plan().previous()).isEqualTo(store.live());
        assertThat(inFlight.release().orElseThrow().directory()).isEqualTo(Path.of("/var/lib/standby/shop/releases/20260302101200-c5d7e9f"));
        assertThat(store.sourceHealth()).contains(new SourceHealth(Instant.parse("2026-03-02T10:12:30Z"), Optional.of("connection refused"), 2));

        List<HistoryEntry> history = store.history();
        assertThat(history).extracting(HistoryEntry::result).containsExactly(Result.ADOPTED, Result.LIVE, Result.FAILED, Result.RECOVERED);
        assertThat(history.get(1).revision().message()).isEqualTo("v2: say version 2\n\nlonger text\n");
        assertThat(history.get(2).release()).isEmpty();
        assertThat(history.get(2).reason()).isEqualTo("cannot reach the repository");
        assertThat(history.get(3).revision()).isEqualTo(Revision.unknown());
    }

    @Test
    void aFirstReleaseStillFetchingWrittenBeforeTheSchemaStillLoads() throws IOException {
        FileReleaseStore store = storeWith("fetching");

        InFlight inFlight = store.inFlight().orElseThrow();
        assertThat(inFlight.stage()).isEqualTo(Stage.FETCHING);
        assertThat(inFlight.plan().previous()).isEmpty();
        assertThat(inFlight.release()).isEmpty();
        assertThat(store.sourceHealth()).hasValueSatisfying(s -> assertThat(s.problem()).isEmpty());
        assertThat(store.history()).isEmpty();
    }

    /** So that going back to the previous version, which ignores a property it does not know, reads it too. */
    @Test
    void whatThisVersionWritesIsTheOldLayoutWithTheSchemaFirst() throws IOException {
        for (String fixture : List.of("mid-release", "fetching")) {
            FileReleaseStore old = storeWith(fixture, state.resolve("old-" + fixture));
            Path rewritten = Files.createDirectories(state.resolve("rewritten-" + fixture));
            FileReleaseStore store = new FileReleaseStore(rewritten, new StateFiles());
            old.live().ifPresent(store::saveLive);
            old.inFlight().ifPresent(store::saveInFlight);
            old.sourceHealth().ifPresent(store::saveSourceHealth);
            old.history().forEach(store::append);

            for (String file : FILES) {
                List<JsonNode> before = records(fixture(fixture).resolve(file));
                List<JsonNode> after = records(rewritten.resolve(file));
                assertThat(after).as("%s/%s", fixture, file).hasSameSizeAs(before);
                for (int i = 0; i < after.size(); i++) {
                    ObjectNode written = (ObjectNode) after.get(i);
                    assertThat(written.fieldNames().next()).as("%s/%s: first property", fixture, file).isEqualTo("schema");
                    assertThat(written.remove("schema").intValue()).isEqualTo(1);
                    assertThat(written).as("%s/%s record %d without its schema", fixture, file, i).isEqualTo(before.get(i));
                }
            }
        }
    }

    @Test
    void aJournalFileFromANewerStandbyIsRefusedWithTheFixAndLeftAsItIs() throws IOException {
        FileReleaseStore store = storeWith("mid-release");
        String newerLive = "{\"schema\":2,\"serving\":{\"release\":\"20270101000000-abcdef0\"}}";
        Files.writeString(state.resolve("live.json"), newerLive);

        assertThatThrownBy(store::live).isInstanceOf(NewerJournalException.class)
                .hasMessageContaining(state.resolve("live.json").toString())
                .hasMessageContaining("newer Standby (journal schema 2; this version reads schema 1 and older)")
                .hasMessageContaining("upgrade standby");
        LiveRelease anyRelease = storeWith("rollback-it", state.resolve("other")).live().orElseThrow();
        assertThatThrownBy(() -> store.saveLive(anyRelease)).isInstanceOf(NewerJournalException.class);
        assertThat(state.resolve("live.json")).hasContent(newerLive);
    }

    @Test
    void aReleaseInFlightFromANewerStandbyIsNeitherReadNorCleared() throws IOException {
        FileReleaseStore store = storeWith("mid-release");
        String newer = "{\"schema\":7,\"plan\":{}}";
        Files.writeString(state.resolve("in-flight.json"), newer);
        Files.writeString(state.resolve("source.json"), newer);

        assertThatThrownBy(store::inFlight).isInstanceOf(NewerJournalException.class).hasMessageContaining("in-flight.json");
        assertThatThrownBy(store::clearInFlight).isInstanceOf(NewerJournalException.class);
        assertThatThrownBy(() -> store.saveSourceHealth(SourceHealth.reachable(Instant.EPOCH))).isInstanceOf(NewerJournalException.class);
        assertThat(state.resolve("in-flight.json")).hasContent(newer);
        assertThat(state.resolve("source.json")).hasContent(newer);
    }

    /** Skipping the line would forget a failed commit, and the poller would release it again. */
    @Test
    void aHistoryLineFromANewerStandbyStopsTheReadingRatherThanBeingSkipped() throws IOException {
        FileReleaseStore store = storeWith("mid-release");
        Files.writeString(state.resolve("history.jsonl"), "{\"schema\":2,\"outcome\":\"FAILED\"}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThatThrownBy(store::history).isInstanceOf(NewerJournalException.class)
                .hasMessageContaining("line 5 of " + state.resolve("history.jsonl"));
    }

    @Test
    void aJournalFileThatIsNotJsonIsReportedAndMayBeReplaced() throws IOException {
        FileReleaseStore store = storeWith("rollback-it");
        LiveRelease live = store.live().orElseThrow();
        Files.writeString(state.resolve("live.json"), "{\"release\":");

        assertThatThrownBy(store::live).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the journal file " + state.resolve("live.json") + " cannot be read")
                .hasMessageContaining("move it aside and restart");
        store.saveLive(live);
        assertThat(store.live()).contains(live);
    }

    @Test
    void aRecordWhoseValuesTheDomainRefusesIsReportedNotGuessed() throws IOException {
        FileReleaseStore store = storeWith("rollback-it");
        Files.writeString(state.resolve("live.json"), Files.readString(state.resolve("live.json")).replace("\"blue\"", "\"Blue!\""));

        assertThatThrownBy(store::live).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("slot name must be lower-case").hasMessageContaining("move it aside");
    }

    private FileReleaseStore storeWith(String fixture) throws IOException {
        return storeWith(fixture, state);
    }

    private static FileReleaseStore storeWith(String fixture, Path into) throws IOException {
        Files.createDirectories(into);
        for (String file : FILES) {
            Path written = fixture(fixture).resolve(file);
            if (Files.exists(written)) {
                Files.copy(written, into.resolve(file));
            }
        }
        return new FileReleaseStore(into, new StateFiles());
    }

    static Path fixture(String name) {
        try {
            return Path.of(JournalCompatibilityTest.class.getResource("/journal/v0/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> records(Path file) throws IOException {
        if (Files.notExists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
