package io.standby.app.state;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The journal as files in the state directory: {@code live.json}, {@code in-flight.json} and
 * {@code source.json} replaced atomically, {@code history.jsonl} appended to and never rewritten. The files hold
 * {@link JournalV1} records, never the domain's; a file a newer Standby wrote is neither read nor replaced.
 */
public final class FileReleaseStore implements ReleaseStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileReleaseStore.class);

    private final Path live;
    private final Path inFlight;
    private final Path source;
    private final Path history;
    private final StateFiles files;
    private final JournalCodec codec = new JournalCodec();
    private final JournalMapper mapper = new JournalMapper();

    public FileReleaseStore(Path stateDir, StateFiles files) {
        this.live = stateDir.resolve("live.json");
        this.inFlight = stateDir.resolve("in-flight.json");
        this.source = stateDir.resolve("source.json");
        this.history = stateDir.resolve("history.jsonl");
        this.files = files;
    }

    @Override
    public Optional<LiveRelease> live() {
        return read(live, JournalV1.Live.class, mapper::toDomain);
    }

    @Override
    public void saveLive(LiveRelease release) {
        replace(live, mapper.toJournal(release));
    }

    @Override
    public Optional<InFlight> inFlight() {
        return read(inFlight, JournalV1.InFlight.class, mapper::toDomain);
    }

    @Override
    public void saveInFlight(InFlight deployment) {
        replace(inFlight, mapper.toJournal(deployment));
    }

    @Override
    public void clearInFlight() {
        refuseNewer(inFlight);
        files.delete(inFlight);
    }

    /** Appends without looking at the lines before: a newer Standby reads this schema's lines, and reading is where an older one stops. */
    @Override
    public void append(HistoryEntry entry) {
        files.appendLine(history, codec.encode(mapper.toJournal(entry)));
    }

    @Override
    public List<HistoryEntry> history() {
        if (Files.notExists(history)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(history, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + history + " (" + IoFailures.describe(e)
                    + "): check that the agent's user may read it", e);
        }
        List<HistoryEntry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + (i + 1) + " of " + history;
            try {
                entries.add(mapper.toDomain(codec.decode(line, JournalV1.HistoryLine.class, where)));
            } catch (JsonProcessingException e) {
                // Only a write cut off by a crash or a full disk leaves a broken line; the rest stays readable.
                LOG.warn("skipping unreadable {}: {}", where, e.getOriginalMessage());
            } catch (IllegalArgumentException | DateTimeException e) {
                LOG.warn("skipping unreadable {}: {}", where, e.getMessage());
            }
        }
        return entries;
    }

    @Override
    public Optional<SourceHealth> sourceHealth() {
        return read(source, JournalV1.Source.class, mapper::toDomain);
    }

    @Override
    public void saveSourceHealth(SourceHealth health) {
        replace(source, mapper.toJournal(health));
    }

    private <R, T> Optional<T> read(Path file, Class<R> record, Function<R, T> toDomain) {
        if (Files.notExists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(toDomain.apply(codec.decode(Files.readString(file, StandardCharsets.UTF_8), record,
                    "the journal file " + file)));
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            String cause = e instanceof JsonProcessingException json ? json.getOriginalMessage()
                    : e instanceof IOException io ? IoFailures.describe(io) : e.getMessage();
            throw new UncheckedIOException("the journal file " + file + " cannot be read (" + cause
                    + "): move it aside and restart; Standby will reconcile with what runs",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private void replace(Path file, Object record) {
        refuseNewer(file);
        files.write(file, codec.encode(record));
    }

    /** A file a newer Standby wrote stays as it is, for that version to find; this one stops instead. */
    private void refuseNewer(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Missing is the usual case; unreadable is for the write itself to report.
            return;
        }
        codec.requireNotNewer(text, "the journal file " + file);
    }
}
