package io.standby.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads an application's YAML file strictly: an unknown key or a bad value stops the agent with the key and the fix. */
public final class ConfigLoader {

    private static final String FIX_SYNTAX = ": correct the file there (indent with spaces, never tabs; close every quote, bracket and brace)";
    // A configuration key as messages name it: lower-case words joined by '-' and '.', such as max-backoff.
    private static final java.util.regex.Pattern KEY_WORD = java.util.regex.Pattern.compile("(?<![\\w.-])([a-z]+(?:[.-][a-z]+)+)(?![\\w-])");

    private final ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new SimpleModule()
                    .addDeserializer(Duration.class, new TextDeserializer<>(Duration.class, DurationText::parse))
                    .addDeserializer(ByteSize.class, new TextDeserializer<>(ByteSize.class, ByteSize::parse)))
            .build();
    // Made here, so that whoever makes a loader gets Jackson's whole reader of the file built (its deserializers are
    // fetched eagerly), and can do so ahead of reading; see StandbyCommand.
    private final ObjectReader reader = yaml.readerFor(StandbyConfig.class);

    public StandbyConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist: create it (the README has an example) or pass --config <file>");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage() + ": check its permissions");
        }
        if (text.isBlank()) {
            throw new ConfigException("configuration file " + file + " is empty: the README has an example to start from");
        }
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + explain(e, text), e);
        }
    }

    private static String explain(JsonProcessingException e, String text) {
        String where = where(e.getLocation());
        if (e instanceof UnrecognizedPropertyException unknown) {
            where = lineOf(unknown.getPropertyName(), text).orElse(where);
            String known = unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown key '" + path(unknown, unknown.getPropertyName()) + "'" + where
                    + ": remove it or fix its spelling (keys allowed here: " + known + ")";
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            // A rule across keys is checked once the whole section is read, where the parser stands after its end
            // (past the last line for the top level): the line of the first top-level key the message names says
            // more. A nested key's name may stand in other sections too, so those keep the parser's place.
            String message = invalid.getCause().getMessage();
            return message + KEY_WORD.matcher(message).results().map(m -> m.group(1))
                    .filter(key -> !key.contains("."))
                    .map(key -> topLevelLineOf(key, text)).flatMap(java.util.Optional::stream)
                    .findFirst().orElse(where);
        }
        if (e instanceof InvalidFormatException format) {
            return "'" + path(format, null) + "'" + where + " cannot be " + quoted(format.getValue())
                    + ": expected " + describe(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getCause() instanceof IllegalArgumentException cause) {
                return "'" + path(mismatch, null) + "'" + where + ": " + cause.getMessage();
            }
            return "'" + path(mismatch, null) + "'" + where + " has the wrong type: expected "
                    + describe(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException cause) {
            return "'" + path(mapping, null) + "'" + where + ": " + cause.getMessage();
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException syntax && syntax.getProblemMark() != null) {
                return "not valid YAML" + syntaxError(syntax);
            }
        }
        return "not valid YAML" + where + ": " + oneLine(e.getOriginalMessage()) + FIX_SYNTAX;
    }

    /**
     * The YAML parser's own multi-line report, cut to one line that points at the offending character (the
     * location Jackson reports is where it stopped, often a line earlier) and at where the open construct began.
     */
    private static String syntaxError(MarkedYAMLException syntax) {
        Mark problem = syntax.getProblemMark();
        String started = syntax.getContext() == null || syntax.getContextMark() == null ? ""
                : " " + oneLine(syntax.getContext()) + " that starts at line " + (syntax.getContextMark().getLine() + 1)
                + ", column " + (syntax.getContextMark().getColumn() + 1);
        return " (line " + (problem.getLine() + 1) + ", column " + (problem.getColumn() + 1) + "): "
                + oneLine(syntax.getProblem()).replace("'\\t(TAB)'", "a tab").replace("\\t(TAB)", "a tab") + started + FIX_SYNTAX;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** The parser reports an unknown key where it stopped, after its value; operators want the key's own line. */
    private static java.util.Optional<String> lineOf(String key, String text) {
        String[] lines = text.split("\\R", -1);
        java.util.regex.Pattern keyLine = java.util.regex.Pattern.compile("^(\\s*)" + java.util.regex.Pattern.quote(key) + "\\s*:.*");
        java.util.Optional<String> found = java.util.Optional.empty();
        for (int i = 0; i < lines.length; i++) {
            var m = keyLine.matcher(lines[i]);
            if (m.matches()) {
                if (found.isPresent()) {
                    return java.util.Optional.empty();
                }
                found = java.util.Optional.of(" (line " + (i + 1) + ", column " + (m.group(1).length() + 1) + ")");
            }
        }
        return found;
    }

    /** The line of a key written at the top level, without indentation. */
    private static java.util.Optional<String> topLevelLineOf(String key, String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                return java.util.Optional.of(" (line " + (i + 1) + ", column 1)");
            }
        }
        return java.util.Optional.empty();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e, String leaf) {
        String joined = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return joined.isEmpty() && leaf != null ? leaf : joined.replace(".[", "[");
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 30s or 5m";
        }
        if (type == ByteSize.class) {
            return "a size such as 65536, 64KiB or 1MiB";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a map of names to values, such as {X-Team: payments}";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase())
                    .collect(Collectors.joining(", "));
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list, such as [composer, install]";
        }
        if (type == String.class || type == Path.class) {
            return "a text value";
        }
        return "a section of keys";
    }

    /** A value operators write as text (a duration, a size), read by the parser that knows its notation. */
    private static final class TextDeserializer<T> extends JsonDeserializer<T> {

        private final Class<T> type;
        private final Function<String, T> parse;

        TextDeserializer(Class<T> type, Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) {
                return type.cast(context.handleUnexpectedToken(type, parser));
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, e.getMessage(), e);
            }
        }
    }
}
