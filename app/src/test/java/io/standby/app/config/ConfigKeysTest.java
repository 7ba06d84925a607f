package io.standby.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue of keys is the one source of every default: the README's table says what it says, the YAML has no key
 * it lacks, and a file that leaves a key out gets exactly the catalogue's default.
 */
class ConfigKeysTest {

    // The module's tests run in app/; the README is the repository's.
    private static final Path README = Path.of("..", "README.md");
    private static final String TABLE_HEADER = "| key | default | meaning |";
    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();

    @TempDir
    Path dir;

    @Test
    void theReadmesTableShowsEveryKeyWithTheDefaultTheCodeGivesIt() throws IOException {
        Map<String, String> documented = readmeTable();
        Map<String, String> catalogue = ConfigKeys.all().stream()
                .collect(Collectors.toMap(Key::name, Key::documentedDefault, (a, b) -> a, LinkedHashMap::new));

        Map<String, String> disagreements = new TreeMap<>();
        Set<String> keys = new TreeSet<>(documented.keySet());
        keys.addAll(catalogue.keySet());
        for (String key : keys) {
            String readme = documented.getOrDefault(key, "(no row)");
            String code = catalogue.getOrDefault(key, "(no such key)");
            if (!readme.equals(code)) {
                disagreements.put(key, "README says " + readme + ", ConfigKeys says " + code);
            }
        }

        assertThat(disagreements).as("where the README's configuration table and ConfigKeys disagree").isEmpty();
    }

    @Test
    void theCatalogueHoldsEveryKeyTheFileMayHaveAndNoOther() {
        List<String> yamlKeys = new ArrayList<>();
        collectKeys(StandbyConfig.class, "", yamlKeys);

        assertThat(ConfigKeys.all()).extracting(Key::name).containsExactlyInAnyOrderElementsOf(yamlKeys);
    }

    @Test
    void aKeyLeftOutGetsTheCataloguesDefault() throws IOException {
        String minimal = ConfigLoaderTest.VALID.replace("  branch: main\n", "");
        String supervisord = minimal + "service:\n  runtime: supervisord\n";
        String haproxy = ConfigLoaderTest.withHaproxy(minimal);
        String operations = minimal + """
                listen:
                  port: 9090
                webhook:
                  forge: github
                  secret-env: STANDBY_WEBHOOK_SECRET
                notify:
                  webhook:
                    url: https://ops.example.com/standby
                  dingtalk:
                    url-env: STANDBY_DINGTALK_WEBHOOK
                """;
        String fleet = minimal + "fleet:\n  zookeeper: 127.0.0.1:2181\n";
        List<StandbyConfig> loaded = List.of(load(minimal), load(supervisord), load(haproxy), load(operations), load(fleet));
        int checked = 0;

        for (Key<?> key : ConfigKeys.all()) {
            if (key.defaultValue().isEmpty()) {
                continue;
            }
            Object value = loaded.stream().map(config -> valueAt(config, key.name())).flatMap(Optional::stream)
                    .findFirst().orElseThrow(() -> new AssertionError("no test file has the section of " + key));
            assertThat(value).as(key.name()).isEqualTo(key.defaultValue().get());
            checked++;
        }
        assertThat(checked).as("keys with a fixed default").isGreaterThan(30);
    }

    /** key -> default, as the README's configuration table has them. */
    private static Map<String, String> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("the README has a configuration table starting with " + TABLE_HEADER).isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|", -1);
            assertThat(cells).as("three cells: " + line).hasSize(5);
            String key = cells[1].strip();
            assertThat(key).as("one key per row, in backticks: " + line).matches("`[a-z.-]+`");
            assertThat(rows.put(key.substring(1, key.length() - 1), cells[2].strip())).as("a second row for " + key).isNull();
        }
        return rows;
    }

    /** The dotted keys of a config record, leaves only: a nested config record is a section. */
    private static void collectKeys(Class<?> type, String prefix, List<String> keys) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + yamlName(component);
            if (isSection(component.getType())) {
                collectKeys(component.getType(), key + ".", keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The component's key in the file: its name in kebab case, unless Jackson is told another. */
    private static String yamlName(RecordComponent component) {
        JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
        return named != null ? named.value() : KEBAB.translate(component.getName());
    }

    private static boolean isSection(Class<?> type) {
        return type.isRecord() && type.getDeclaringClass() == StandbyConfig.class;
    }

    /** The value the config holds for a dotted key; empty when a section on the way is absent. */
    private static Optional<Object> valueAt(Object config, String key) {
        Object current = config;
        for (String part : key.split("\\.")) {
            if (current == null) {
                return Optional.empty();
            }
            current = component(current, part);
        }
        return Optional.ofNullable(current);
    }

    private static Object component(Object record, String kebabName) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (yamlName(component).equals(kebabName)) {
                try {
                    return component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError(record.getClass().getSimpleName() + " has no key " + kebabName);
    }

    private StandbyConfig load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("standby.yml"), yaml);
        return new ConfigLoader().load(file);
    }
}
