package dev.zotuner.tuner.rundir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Typed access to the fields of one JSON object read from a run-directory file, with one-line
 * errors naming {@code file:line} and the field.
 *
 * <p>Numbers: a JSON number, {@code null} (read as NaN), the bare tokens {@code NaN} /
 * {@code Infinity} / {@code -Infinity}, or those three as strings (how Jackson writes non-finite
 * doubles by default). A diverged run therefore still reads; plots skip the non-finite points.
 *
 * <p>Shared by the report (reading) and {@code dev.zotuner.tuner.run} (resuming, replay, snapshot
 * manifests), so both sides of a run directory agree on what a file means.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String file;
    private final int line;

    private JsonFields(JsonNode node, String file, int line) {
        this.node = node;
        this.file = file;
        this.line = line;
    }

    /** A lenient mapper (non-finite number tokens) that rejects trailing garbage. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Reads and parses {@code file}, which must hold one JSON object; unreadable or malformed → {@link RunDirectoryException}. */
    public static JsonFields read(Path file) {
        return parse(mapper(), text(file), file.toString(), 0);
    }

    /** The UTF-8 text of a run-directory file; unreadable → {@link RunDirectoryException} naming it. */
    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunDirectoryException(file.toString(), 0, "cannot read: " + e);
        }
    }

    /** Parses {@code text}, which must be one JSON object, found at {@code file:line}. */
    public static JsonFields parse(ObjectMapper mapper, String text, String file, int line) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RunDirectoryException(file, line, "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RunDirectoryException(file, line,
                    "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
        }
        return new JsonFields(node, file, line);
    }

    /** True when the field is present and not null. */
    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** A number that must be present (null and NaN tokens read as NaN). */
    public double number(String name) {
        if (!node.has(name)) {
            throw error("missing field '" + name + "'");
        }
        return optionalNumber(name);
    }

    /** A number, or NaN when the field is absent or null. */
    public double optionalNumber(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw error("field '" + name + "' must be a number, found " + describe(v));
    }

    /** An integer that must be present. */
    public long integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw error("missing field '" + name + "'");
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < 0x1p53) {
            return (long) v.doubleValue();
        }
        throw error("field '" + name + "' must be an integer, found " + describe(v));
    }

    /** A string that must be present. */
    public String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw error("missing field '" + name + "'");
        }
        if (!v.isTextual()) {
            throw error("field '" + name + "' must be a string, found " + describe(v));
        }
        return v.textValue();
    }

    /** The underlying object, for callers that walk all fields. */
    public JsonNode node() {
        return node;
    }

    /** An exception located at this object's {@code file:line}. */
    public RunDirectoryException error(String cause) {
        return new RunDirectoryException(file, line, cause);
    }

    private static String describe(JsonNode v) {
        String text = v.toString();
        return v.getNodeType().name().toLowerCase(Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
