package dev.zotuner.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptExceptionTest {

    @Test
    void keepsOnlyTheFirstLine() {
        PromptException e = new PromptException("p.json: field 'template' is missing\n  at detail");
        assertEquals("p.json: field 'template' is missing", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }
}
