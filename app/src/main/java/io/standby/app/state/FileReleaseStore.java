package io.standby.app.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.standby.domain.model.HistoryEntry;
import io.standby.domain.model.InFlight;
import io.standby.domain.model.LiveRelease;
import io.standby.domain.model.SourceHealth;
import io.standby.domain.port.out.ReleaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal as files in the state directory: {@code live.json}, {@code in-flight.json} and
 * {@code source.json} replaced atomically, {@code history.jsonl} appended to and never rewritten.
 */
public final class FileReleaseStore implements ReleaseStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileReleaseStore.class);

    private final Path live;
    private final Path inFlight;
    private final Path source;
    private final Path history;
    private final StateFiles files;
    private final ObjectMapper json = journalMapper();

    public FileReleaseStore(Path stateDir, StateFiles files) {
        this.live = stateDir.resolve("live.json");
        this.inFlight = stateDir.resolve("in-flight.json");
        this.source = stateDir.resolve("source.json");
        this.history = stateDir.resolve("history.jsonl");
        this.files = files;
    }

    /** Domain records as JSON: their components only, times as ISO-8601 text. */
    public static ObjectMapper journalMapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build();
    }

    @Override
    public Optional<LiveRelease> live() {
        return read(live, LiveRelease.class);
    }

    @Override
    public void saveLive(LiveRelease release) {
        files.write(live, bytes(release));
    }

    @Override
    public Optional<InFlight> inFlight() {
        return read(inFlight, InFlight.class);
    }

    @Override
    public void saveInFlight(InFlight deployment) {
        files.write(inFlight, bytes(deployment));
    }

    @Override
    public void clearInFlight() {
        files.delete(inFlight);
    }

    @Override
    public void append(HistoryEntry entry) {
        files.appendLine(history, bytes(entry));
    }

    @Override
    public List<HistoryEntry> history() {
        if (Files.notExists(history)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
            List<HistoryEntry> entries = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(json.readValue(line, HistoryEntry.class));
                } catch (JsonProcessingException e) {
                    // Only a write cut off by a crash or a full disk leaves a broken line; the rest stays readable.
                    LOG.warn("skipping unreadable line {} of {}: {}", i + 1, history, e.getOriginalMessage());
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + history + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SourceHealth> sourceHealth() {
        return read(source, SourceHealth.class);
    }

    @Override
    public void saveSourceHealth(SourceHealth health) {
        files.write(source, bytes(health));
    }

    private <T> Optional<T> read(Path file, Class<T> type) {
        if (Files.notExists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("the journal file " + file + " cannot be read (" + e.getMessage()
                    + "): move it aside and restart; Standby will reconcile with what runs", e);
        }
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
