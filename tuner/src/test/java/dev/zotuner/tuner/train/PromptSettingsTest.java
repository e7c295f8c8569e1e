package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptSettingsTest {

    @Test
    void theVerbalizerKeepsItsOrderAndTheTemplateItsText() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("pos", "great");
        words.put("neg", "terrible");
        PromptSettings p = new PromptSettings("<sentence> It was [MASK] .", words, 20);
        words.put("mixed", "okay");   // a copy: later changes to the caller's map do not leak in
        assertEquals(List.of("pos", "neg"), List.copyOf(p.labelWords().keySet()));
        assertEquals("<sentence> It was [MASK] .", p.promptSet().template().pattern());
        assertEquals(Map.of("pos", "great", "neg", "terrible"), p.promptSet().labelWords());
    }
}
