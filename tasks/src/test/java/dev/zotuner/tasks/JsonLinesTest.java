package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    @Test
    void readsStringAndIntegerLabels() {
        List<RawExample> rows = JsonLines.read(
                "{\"text\": \"good\", \"y\": 1}\n\n{\"text\": \"bad\\tone\", \"y\": \"neg\", \"extra\": 3}\n",
                "f.jsonl", "text", "y");
        assertEquals(List.of(new RawExample(1, "good", "1"), new RawExample(3, "bad\tone", "neg")), rows);
    }

    @Test
    void malformedJsonNamesTheLine() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> JsonLines.read("{\"text\":\"a\",\"y\":1}\n{\"text\": \"b\", \"y\": }\n", "f.jsonl", "text", "y"));
        assertTrue(e.getMessage().startsWith("f.jsonl:2: malformed JSON"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void trailingGarbageIsMalformed() {
        assertThrows(DataFileException.class,
                () -> JsonLines.read("{\"text\":\"a\",\"y\":1} x\n", "f.jsonl", "text", "y"));
    }

    @Test
    void missingOrMistypedFieldsAreErrors() {
        assertEquals("f.jsonl:1: missing field 'y'", assertThrows(DataFileException.class,
                () -> JsonLines.read("{\"text\":\"a\"}", "f.jsonl", "text", "y")).getMessage());
        assertTrue(assertThrows(DataFileException.class,
                () -> JsonLines.read("{\"text\":5,\"y\":1}", "f.jsonl", "text", "y"))
                .getMessage().contains("must be a string"));
        assertTrue(assertThrows(DataFileException.class,
                () -> JsonLines.read("{\"text\":\"a\",\"y\":[1]}", "f.jsonl", "text", "y"))
                .getMessage().contains("string, integer or boolean"));
        assertTrue(assertThrows(DataFileException.class,
                () -> JsonLines.read("[1, 2]", "f.jsonl", "text", "y"))
                .getMessage().contains("expected a JSON object"));
    }
}
