package dev.zotuner.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zotuner.tasks.LabelSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelPromptsTest {

    @Test
    void oneFilledTemplatePerClass() {
        Verbalizer v = new Verbalizer(LabelSet.of(List.of("0", "1")), List.of("terrible", "great"), "t");
        LabelPrompts p = LabelPrompts.of(new Template("<sentence> It was [MASK] ."), v);
        assertEquals(List.of("It was terrible .", "It was great ."), p.texts());
        assertEquals(2, p.size());
        assertEquals("It was great .", p.text(1));
    }

    @Test
    void phrasesAreAllowed() {
        Verbalizer v = new Verbalizer(LabelSet.of(List.of("a", "b")), List.of("very bad", "very good"), "t");
        assertEquals("Overall : very good", LabelPrompts.of(new Template("<sentence> Overall : [MASK]"), v).text(1));
    }
}
