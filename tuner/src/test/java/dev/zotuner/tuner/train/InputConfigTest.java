package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InputConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void newRunsTieAndCutTheSentenceOldOnesDoNeither() {
        assertEquals(new InputConfig(true, "sentence"), InputConfig.current(true));
        assertTrue(InputConfig.current(false).cutsSentence());
        assertFalse(InputConfig.legacy().tieWeights());
        assertFalse(InputConfig.legacy().cutsSentence());
    }

    @Test
    void readsItsSnakeCaseObjectAndFieldsMissingThereMeanLegacy() throws Exception {
        assertEquals(InputConfig.current(true),
                JSON.readValue("{\"tie_weights\":true,\"truncation\":\"sentence\"}", InputConfig.class));
        assertEquals("{\"tie_weights\":true,\"truncation\":\"sentence\"}", JSON.writeValueAsString(InputConfig.current(true)));
        assertEquals(InputConfig.legacy(), JSON.readValue("{}", InputConfig.class));
    }

    @Test
    void anUnknownTruncationIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InputConfig(true, "start"));
        assertEquals("config.json: inputs.truncation must be 'sentence' or 'end', got 'start'", e.getMessage());
    }
}
