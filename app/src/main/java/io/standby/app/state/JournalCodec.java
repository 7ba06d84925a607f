package io.standby.app.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One journal record as JSON text: a {@link JournalV1} record behind a {@code "schema"} property. A record without
 * one is schema 0, which has the same layout; one with a newer schema is refused before anything else is read of it.
 */
final class JournalCodec {

    private static final String SCHEMA = "schema";

    // Unknown properties are ignored: a later version may add one within the same schema.
    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    byte[] encode(Object record) {
        ObjectNode node = json.createObjectNode().put(SCHEMA, JournalV1.SCHEMA);
        node.setAll((ObjectNode) json.valueToTree(record));
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a record of the given type; {@code where} names the file, or the line, for the operator.
     *
     * @throws NewerJournalException   if a newer Standby wrote it
     * @throws JsonProcessingException if it is not JSON, or lacks what the record needs
     */
    <T> T decode(String text, Class<T> type, String where) throws JsonProcessingException {
        JsonNode node = json.readTree(text);
        if (node == null || !node.isObject()) {
            throw new JsonMappingException(null, "not a JSON object");
        }
        requireKnownSchema(node, where);
        return json.treeToValue(node, type);
    }

    /**
     * Refuses a record a newer Standby wrote; what cannot be read at all passes: no version can use it, and writing
     * over it is how it gets repaired.
     */
    void requireNotNewer(String text, String where) {
        try {
            requireKnownSchema(json.readTree(text), where);
        } catch (JsonProcessingException e) {
            // see above: unreadable is not newer
        }
    }

    private static void requireKnownSchema(JsonNode node, String where) throws JsonMappingException {
        JsonNode schema = node == null ? null : node.get(SCHEMA);
        if (schema == null) {
            return;
        }
        if (!schema.isIntegralNumber() || schema.bigIntegerValue().signum() < 0) {
            throw new JsonMappingException(null, "\"schema\" is not a schema number: " + schema);
        }
        if (!schema.canConvertToInt() || schema.asInt() > JournalV1.SCHEMA) {
            throw new NewerJournalException(where, schema.asText());
        }
    }
}
