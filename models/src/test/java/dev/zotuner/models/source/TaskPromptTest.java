package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPromptTest {

    @Test
    void copiesTheLabelWordsKeepingTheirOrder() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("pos", "great");
        words.put("neg", "terrible");
        TaskPrompt p = new TaskPrompt("<sentence> It was [MASK] .", words, "test");
        words.put("neutral", "okay");
        assertEquals(List.of("pos", "neg"), List.copyOf(p.labelWords().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.labelWords().clear());
    }

    @Test
    void refusesAPromptWithoutLabelWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskPrompt("<sentence> [MASK]", Map.of(), "test"));
        assertTrue(e.getMessage().contains("<sentence> [MASK]"), e.getMessage());
    }
}
