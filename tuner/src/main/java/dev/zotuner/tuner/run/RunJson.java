package dev.zotuner.tuner.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * How a run directory writes JSON: non-finite numbers as {@code null} (plain JSON, readable by any
 * tool), doubles and floats in their shortest round-trip form (reading gives back the same bits),
 * map keys sorted (a {@code Map.of} config writes the same text on every run), records in component
 * order.
 */
final class RunJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("non-finite-as-null")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble())
                    .addSerializer(Float.class, new FiniteFloat())
                    .addSerializer(float.class, new FiniteFloat()))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RunJson() {
    }

    /** The tree of {@code value} (a record, map, list or scalar) with non-finite numbers as null. */
    static JsonNode tree(Object value) {
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The tree of {@code value}, which must serialise to a JSON object ({@code what} names it). */
    static ObjectNode object(Object value, String what) {
        JsonNode node = tree(value);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(what + " must serialise to a JSON object, found "
                    + node.getNodeType());
        }
        return object;
    }

    /** An empty object node to fill in a fixed field order. */
    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** Puts {@code x} into {@code node}, or null when it is not finite. */
    static void putNumber(ObjectNode node, String field, double x) {
        if (Double.isFinite(x)) {
            node.put(field, x);
        } else {
            node.putNull(field);
        }
    }

    /** Puts {@code x} into {@code node} when finite; leaves the field out otherwise. */
    static void putOptional(ObjectNode node, String field, double x) {
        if (Double.isFinite(x)) {
            node.put(field, x);
        }
    }

    /** One line of JSON Lines: compact UTF-8 followed by {@code \n}. */
    static byte[] line(JsonNode node) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(node);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A whole file: indented, ending with a newline. */
    static byte[] pretty(JsonNode node) {
        try {
            String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static final class FiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value.doubleValue());
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class FiniteFloat extends StdSerializer<Float> {
        private static final long serialVersionUID = 1L;

        FiniteFloat() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            if (Float.isFinite(value)) {
                gen.writeNumber(value.floatValue());
            } else {
                gen.writeNull();
            }
        }
    }
}
