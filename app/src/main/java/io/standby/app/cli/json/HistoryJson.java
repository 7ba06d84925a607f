package io.standby.app.cli.json;

import com.fasterxml.jackson.annotation.JsonValue;
import io.standby.domain.model.HistoryEntry;

import java.util.List;

/** What {@code history --json} prints: an array of entries, newest first. */
public record HistoryJson(@JsonValue List<HistoryEntryJson> entries) {

    public HistoryJson {
        entries = List.copyOf(entries);
    }

    public static HistoryJson of(List<HistoryEntry> newestFirst) {
        return new HistoryJson(newestFirst.stream().map(HistoryEntryJson::of).toList());
    }
}
