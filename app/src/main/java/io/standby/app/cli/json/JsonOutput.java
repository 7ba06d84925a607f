package io.standby.app.cli.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Prints the output records as indented JSON; their annotations alone decide the shape, not this mapper's settings. */
public final class JsonOutput {

    private final ObjectWriter writer;

    public JsonOutput() {
        ObjectMapper json = JsonMapper.builder().build();
        this.writer = json.writerWithDefaultPrettyPrinter();
    }

    /** One of {@code --json}'s records ({@link StatusJson}, {@link HistoryJson}, the fleet commands' own). */
    public String print(Object record) {
        try {
            return writer.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
