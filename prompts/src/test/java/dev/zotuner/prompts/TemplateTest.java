package dev.zotuner.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Template SST = new Template("<sentence> It was [MASK] .");
    private static final Template TREC = new Template("[MASK] : <sentence>");

    @Test
    void maskedLmGetsTheTokenizersMaskToken() {
        assertEquals("A fine film . It was [MASK] .", SST.forMaskedLm("A fine film .", "[MASK]"));
        assertEquals("A fine film . It was <mask> .", SST.forMaskedLm("A fine film .", "<mask>"));
        assertEquals("<mask> : Who wrote Hamlet ?", TREC.forMaskedLm("Who wrote Hamlet ?", "<mask>"));
    }

    @Test
    void causalLmTextEndsRightBeforeTheMask() {
        assertEquals("A fine film . It was", SST.forCausalLm("A fine film ."));
        assertEquals("Q: x\nA:", new Template("Q: <sentence>\nA: [MASK]\n").forCausalLm("x"));
    }

    @Test
    void causalLmRejectsMaskBeforeSentence() {
        PromptException e = assertThrows(PromptException.class, () -> TREC.forCausalLm("Who ?"));
        assertTrue(e.getMessage().startsWith("template '[MASK] : <sentence>' puts [MASK] before <sentence>"),
                e.getMessage());
    }

    @Test
    void encoderInputDropsTheMaskSlotWithoutDoubleSpaces() {
        assertEquals("A fine film . It was .", SST.forEncoder("A fine film ."));
        assertEquals(": Who wrote Hamlet ?", TREC.forEncoder("Who wrote Hamlet ?"));
    }

    @Test
    void labelPromptsFillTheWordAndDropTheSentence() {
        assertEquals("It was great .", SST.labelPrompt("great"));
        assertEquals("Description :", TREC.labelPrompt("Description"));
        assertEquals("A fine film . It was great .", SST.filled("A fine film .", "great"));
    }

    @Test
    void slotsAreFilledByPositionNotBySearch() {
        assertEquals("say [MASK] <sentence> . It was good .", SST.filled("say [MASK] <sentence> .", "good"));
    }

    @Test
    void wordAfterSpaceFollowsTheTemplate() {
        assertTrue(SST.wordAfterSpace());
        assertTrue(TREC.wordAfterSpace()); // at the start: LM-BFF's ' ' + word
        assertFalse(new Template("<sentence> Sentiment:[MASK]").wordAfterSpace());
    }

    @Test
    void eachSlotExactlyOnce() {
        assertEquals("template '<sentence> It was .' must contain [MASK] exactly once (found 0)",
                assertThrows(PromptException.class, () -> new Template("<sentence> It was .")).getMessage());
        assertThrows(PromptException.class, () -> new Template("[MASK] [MASK] <sentence>"));
        assertThrows(PromptException.class, () -> new Template("It was [MASK] ."));
    }
}
