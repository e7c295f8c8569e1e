package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    private static JsonFields parse(String json) {
        return JsonFields.parse(JsonFields.mapper(), json, "m.jsonl", 3);
    }

    @Test
    void numbersIncludingNonFiniteSpellings() {
        JsonFields f = parse("{\"a\":1.5,\"b\":null,\"c\":NaN,\"d\":\"Infinity\",\"e\":\"-Infinity\","
                + "\"f\":-Infinity}");
        assertEquals(1.5, f.number("a"));
        assertTrue(Double.isNaN(f.number("b")));
        assertTrue(Double.isNaN(f.number("c")));
        assertEquals(Double.POSITIVE_INFINITY, f.number("d"));
        assertEquals(Double.NEGATIVE_INFINITY, f.number("e"));
        assertEquals(Double.NEGATIVE_INFINITY, f.number("f"));
        assertTrue(Double.isNaN(f.optionalNumber("absent")));
    }

    @Test
    void missingRequiredNumberNamesFieldAndLine() {
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> parse("{\"a\":1}").number("loss_plus"));
        assertEquals("m.jsonl:3: missing field 'loss_plus'", e.getMessage());
    }

    @Test
    void mistypedNumber() {
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> parse("{\"a\":\"fast\"}").number("a"));
        assertEquals("m.jsonl:3: field 'a' must be a number, found string \"fast\"", e.getMessage());
    }

    @Test
    void integers() {
        JsonFields f = parse("{\"a\":12,\"b\":12.0,\"c\":12.5,\"d\":\"12\"}");
        assertEquals(12L, f.integer("a"));
        assertEquals(12L, f.integer("b"));
        assertThrows(RunDirectoryException.class, () -> f.integer("c"));
        assertThrows(RunDirectoryException.class, () -> f.integer("d"));
        assertThrows(RunDirectoryException.class, () -> f.integer("e"));
    }

    @Test
    void text() {
        JsonFields f = parse("{\"s\":\"dev\",\"n\":3,\"z\":null}");
        assertEquals("dev", f.text("s"));
        assertThrows(RunDirectoryException.class, () -> f.text("n"));
        assertThrows(RunDirectoryException.class, () -> f.text("z"));
        assertTrue(f.has("s"));
        assertFalse(f.has("z"));
        assertFalse(f.has("q"));
    }

    @Test
    void malformedAndNonObject() {
        RunDirectoryException bad = assertThrows(RunDirectoryException.class,
                () -> parse("{\"a\":1"));
        assertTrue(bad.getMessage().startsWith("m.jsonl:3: malformed JSON: "), bad.getMessage());
        assertFalse(bad.getMessage().contains("\n"));
        assertEquals("m.jsonl:3: expected a JSON object, found ARRAY",
                assertThrows(RunDirectoryException.class, () -> parse("[1,2]")).getMessage());
        assertThrows(RunDirectoryException.class, () -> parse("{\"a\":1} {\"b\":2}"));
    }
}
