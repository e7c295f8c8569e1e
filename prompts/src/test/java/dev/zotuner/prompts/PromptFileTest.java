package dev.zotuner.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptFileTest {

    private static String error(String json) {
        return assertThrows(PromptException.class, () -> PromptFile.parse(json, "p.json")).getMessage();
    }

    @Test
    void parsesTheSchema() {
        PromptSet p = PromptFile.parse("""
                {"task": "sst2", "description": "d",
                 "template": "<sentence> All in all [MASK] .",
                 "labelWords": {"1": "good", "0": "bad"}}""", "p.json");
        assertEquals(new Template("<sentence> All in all [MASK] ."), p.template());
        assertEquals(Map.of("0", "bad", "1", "good"), p.labelWords());
        assertEquals(List.of("1", "0"), List.copyOf(p.labelWords().keySet())); // file order kept
        assertEquals("p.json", p.source());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String msg = error("{\n  \"template\": \"<sentence> [MASK]\",\n  \"labelWords\": {\"0\": \"a\",}\n}");
        assertTrue(msg.startsWith("p.json:3:"), msg);
        assertTrue(msg.contains("malformed JSON"), msg);
        assertEquals(1, msg.lines().count());
        assertTrue(error("{\"template\": \"a\", \"template\": \"b\"}").contains("malformed JSON"));
    }

    @Test
    void fieldErrorsNameTheField() {
        assertEquals("p.json: field 'template' is missing", error("{\"labelWords\": {\"0\": \"a\"}}"));
        assertEquals("p.json: field 'template' must be a string, found number",
                error("{\"template\": 3, \"labelWords\": {\"0\": \"a\"}}"));
        assertEquals("p.json: field 'template': template '<sentence> It was .' must contain [MASK]"
                + " exactly once (found 0)", error("{\"template\": \"<sentence> It was .\", \"labelWords\": {}}"));
        assertEquals("p.json: field 'labelWords' is missing", error("{\"template\": \"<sentence> [MASK]\"}"));
        assertTrue(error("{\"template\": \"<sentence> [MASK]\", \"labelWords\": [\"a\"]}")
                .startsWith("p.json: field 'labelWords' must be a non-empty object"));
        assertEquals("p.json: field 'labelWords.1' must be a non-empty string",
                error("{\"template\": \"<sentence> [MASK]\", \"labelWords\": {\"0\": \"a\", \"1\": 2}}"));
        assertTrue(error("{\"template\": \"<sentence> [MASK]\", \"labelWords\": {\"0\": \" a\"}}")
                .startsWith("p.json: field 'labelWords.0' has surrounding whitespace"));
        assertEquals("p.json: field 'task' must be a string, found boolean",
                error("{\"task\": true, \"template\": \"<sentence> [MASK]\", \"labelWords\": {\"0\": \"a\"}}"));
    }

    @Test
    void unknownFieldsAndNonObjectsAreRejected() {
        assertEquals("p.json: unknown field 'labelword' (fields: task, description, template, labelWords)",
                error("{\"template\": \"<sentence> [MASK]\", \"labelword\": {}}"));
        assertTrue(error("[1, 2]").startsWith("p.json: expected a JSON object"));
    }
}
