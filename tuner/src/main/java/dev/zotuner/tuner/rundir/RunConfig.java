package dev.zotuner.tuner.rundir;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The scalar settings of a run's {@code config.json} ({@code optimizer}, {@code lr}, {@code eps},
 * {@code momentum}, {@code beta1}, {@code task}, {@code k}, {@code seed}, {@code model},
 * {@code steps}, {@code batch}, ...) as display strings, in file order; numbers are written
 * compactly ({@code 1e-5}). Nested objects and arrays are not kept: a report only labels runs.
 *
 * @param values key → display value
 */
public record RunConfig(Map<String, String> values) {

    /** The file name inside a run directory. */
    public static final String FILE = "config.json";

    /** Keys that must be numbers when present. */
    private static final List<String> NUMERIC = List.of("lr", "eps", "momentum",
            "beta1", "k", "seed", "steps");

    public RunConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A run without {@code config.json}. */
    public static RunConfig empty() {
        return new RunConfig(Map.of());
    }

    /** Reads {@code file}; malformed JSON or a mistyped known key → {@link RunDirectoryException}. */
    public static RunConfig read(Path file) {
        JsonFields f = JsonFields.read(file);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.node().properties()) {
            String key = e.getKey();
            if (NUMERIC.contains(key) && f.has(key)) {
                values.put(key, Formats.compact(f.optionalNumber(key)));
            } else if (e.getValue().isNumber()) {
                values.put(key, Formats.compact(e.getValue().doubleValue()));
            } else if (e.getValue().isTextual() || e.getValue().isBoolean()) {
                values.put(key, e.getValue().asText());
            }
        }
        return new RunConfig(values);
    }

    /** The display value of {@code key}, if the config has it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The planned number of steps, if the config says. */
    public OptionalLong steps() {
        String s = values.get("steps");
        if (s == null) {
            return OptionalLong.empty();
        }
        double d = Double.parseDouble(s);
        return d == Math.rint(d) ? OptionalLong.of((long) d) : OptionalLong.empty();
    }
}
