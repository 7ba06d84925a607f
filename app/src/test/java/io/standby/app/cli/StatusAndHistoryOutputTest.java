package io.standby.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.standby.app.config.ConfigLoaderTest;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.Release;
import io.standby.domain.model.ReleaseId;
import io.standby.domain.model.Result;
import io.standby.domain.model.Revision;
import io.standby.domain.model.Slot;
import io.standby.domain.model.Stage;
import io.standby.domain.model.StatusReport;
import io.standby.domain.model.Trigger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} and {@code history}, for people and for scripts, print what they printed before their JSON had
 * records of its own (the journals and outputs under {@code journal/v0}, see its README); the JSON field names are
 * the README's, whatever the domain's records are called.
 */
class StatusAndHistoryOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rollback-it", "mid-release", "fetching"})
    void bothCommandsPrintWhatTheyPrintedBeforeForPeopleAndForScripts(String journal) throws IOException {
        Path config = configOver(journal);

        for (String command : List.of("status", "history")) {
            String text = run(command, "-c", config.toString());
            String json = run(command, "--json", "-c", config.toString());

            assertThat(text).as("%s for %s", command, journal).isEqualTo(printed(journal + "." + command + ".txt"));
            assertThat(JSON.readTree(json)).as("%s --json for %s", command, journal)
                    .isEqualTo(JSON.readTree(printed(journal + "." + command + ".json")));
        }
    }

    @Test
    void aFailureTheLiveReleaseCameAfterIsMarkedAsPast() {
        Revision v2 = new Revision("a".repeat(40), "Ann <ann@example.com>", "v2", Instant.parse("2026-03-02T10:00:00Z"));
        Revision v3 = new Revision("b".repeat(40), "Ann <ann@example.com>", "v3", Instant.parse("2026-03-02T10:01:00Z"));
        Instant failed = Instant.parse("2026-03-02T10:05:00Z");
        HistoryEntry failure = new HistoryEntry(v3, Optional.empty(), new Slot("green", 9502), Trigger.POLL, Result.FAILED,
                Stage.FETCHING, "cannot reach the repository", failed.minusSeconds(1), failed, List.of());
        Release release = new Release(ReleaseId.of(failed, v2), v2, dir.resolve("releases/v2"));

        String before = statusText(new LiveRelease(release, new Slot("blue", 9501), failed.minusSeconds(60)), failure);
        String after = statusText(new LiveRelease(release, new Slot("blue", 9501), failed.plusSeconds(60)), failure);

        assertThat(before).contains("last failure: bbbbbbb failed at fetching (" + failed + "): cannot reach the repository\n");
        assertThat(after).contains("last failure: bbbbbbb failed at fetching (" + failed + "): cannot reach the repository"
                + " (before the live release)\n");
    }

    private static String statusText(LiveRelease live, HistoryEntry failure) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            StatusCommand.print("shop", new StatusReport(Optional.of(live), Optional.empty(), Optional.of(failure),
                    Optional.empty()), false, out);
        }
        return text.toString();
    }

    /** The README's table of status --json, in the order it is printed. */
    @Test
    void statusJsonHasTheDocumentedFields() throws IOException {
        JsonNode status = JSON.readTree(run("status", "--json", "-c", configOver("mid-release").toString()));

        List<String> release = List.of("id", "id.value", "revision", "revision.sha", "revision.author", "revision.message",
                "revision.committedAt", "directory");
        List<String> expected = new ArrayList<>();
        expected.add("live");
        expected.addAll(under("live.", liveFields(release)));
        expected.addAll(List.of("inFlight", "inFlight.plan", "inFlight.plan.revision", "inFlight.plan.revision.sha",
                "inFlight.plan.revision.author", "inFlight.plan.revision.message", "inFlight.plan.revision.committedAt",
                "inFlight.plan.slot", "inFlight.plan.slot.name", "inFlight.plan.slot.port", "inFlight.plan.previous"));
        expected.addAll(under("inFlight.plan.previous.", liveFields(release)));
        expected.addAll(List.of("inFlight.plan.trigger", "inFlight.plan.startedAt", "inFlight.release"));
        expected.addAll(under("inFlight.release.", release));
        expected.addAll(List.of("inFlight.stage", "lastFailure"));
        expected.addAll(under("lastFailure.", entryFields(List.of())));
        expected.addAll(List.of("source", "source.checkedAt", "source.problem", "source.failuresInARow"));

        assertThat(paths(status, "")).containsExactlyElementsOf(expected);
    }

    /** The README's table of history --json: an array of entries, newest first. */
    @Test
    void historyJsonHasTheDocumentedFields() throws IOException {
        JsonNode history = JSON.readTree(run("history", "--json", "-c", configOver("mid-release").toString()));

        assertThat(history.isArray()).isTrue();
        JsonNode live = history.get(2);
        assertThat(live.path("result").asText()).isEqualTo("LIVE");
        assertThat(paths(live, "")).containsExactlyElementsOf(entryFields(List.of("id", "id.value", "revision",
                "revision.sha", "revision.author", "revision.message", "revision.committedAt", "directory")));
        assertThat(paths(live.path("timings").get(0), "")).containsExactly("stage", "took");
        assertThat(history.get(0).path("release").isNull()).as("an entry without a release says null").isTrue();
    }

    private static List<String> liveFields(List<String> release) {
        List<String> fields = new ArrayList<>(List.of("release"));
        fields.addAll(under("release.", release));
        fields.addAll(List.of("slot", "slot.name", "slot.port", "since"));
        return fields;
    }

    private static List<String> entryFields(List<String> release) {
        List<String> fields = new ArrayList<>(List.of("revision", "revision.sha", "revision.author", "revision.message",
                "revision.committedAt", "release"));
        fields.addAll(under("release.", release));
        fields.addAll(List.of("slot", "slot.name", "slot.port", "trigger", "result", "stage", "reason", "startedAt",
                "endedAt", "timings"));
        return fields;
    }

    private static List<String> under(String prefix, List<String> fields) {
        return fields.stream().map(f -> prefix + f).toList();
    }

    /** Every object field's dotted path, depth first, in printed order; arrays are not entered. */
    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            paths.add(prefix + field.getKey());
            if (field.getValue().isObject()) {
                paths.addAll(paths(field.getValue(), prefix + field.getKey() + "."));
            }
        }
        return paths;
    }

    /** The config tests' smallest valid file, over a copy of one of the journals written before the schema. */
    private Path configOver(String journal) throws IOException {
        Path state = Files.createDirectories(dir.resolve(journal));
        try (var files = Files.list(resource("/journal/v0/" + journal))) {
            for (Path file : files.toList()) {
                Files.copy(file, state.resolve(file.getFileName().toString()));
            }
        }
        return Files.writeString(dir.resolve(journal + ".yml"), ConfigLoaderTest.VALID
                .replace("state-dir: /var/lib/standby/shop", "state-dir: " + state));
    }

    private static String printed(String name) throws IOException {
        return Files.readString(resource("/journal/v0/printed/" + name));
    }

    private static Path resource(String name) {
        try {
            return Path.of(StatusAndHistoryOutputTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(String... args) {
        Ran ran = Ran.standby(args);
        assertThat(ran.exit()).as("standby %s: %s", String.join(" ", args), ran.err()).isZero();
        return ran.out();
    }
}
