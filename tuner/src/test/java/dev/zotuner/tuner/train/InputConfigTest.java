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
    void newRunsTieKeepTiesAndCutTheSentenceOldOnesDoNone() {
        assertEquals(new InputConfig(true, "sentence", true), InputConfig.current(true));
        assertEquals(new InputConfig(false, "sentence", false), InputConfig.current(false));
        assertTrue(InputConfig.current(false).cutsSentence());
        assertFalse(InputConfig.legacy().tieWeights());
        assertFalse(InputConfig.legacy().keepTies());
        assertFalse(InputConfig.legacy().cutsSentence());
    }

    @Test
    void readsItsSnakeCaseObjectAndFieldsMissingThereMeanLegacy() throws Exception {
        assertEquals(InputConfig.current(true),
                JSON.readValue("{\"tie_weights\":true,\"truncation\":\"sentence\",\"keep_ties\":true}", InputConfig.class));
        assertEquals("{\"tie_weights\":true,\"truncation\":\"sentence\",\"keep_ties\":true}",
                JSON.writeValueAsString(InputConfig.current(true)));
        assertEquals(InputConfig.legacy(), JSON.readValue("{}", InputConfig.class));
        String beforeKeptTies = "{\"tie_weights\":true,\"truncation\":\"sentence\"}";
        assertEquals(new InputConfig(true, "sentence", false), JSON.readValue(beforeKeptTies, InputConfig.class),
                "a run written before keep_ties lets top-K split a tie, as it did");
        assertEquals(beforeKeptTies, JSON.writeValueAsString(JSON.readValue(beforeKeptTies, InputConfig.class)),
                "and writes back as it was");
    }

    @Test
    void anUnknownTruncationIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InputConfig(true, "start", true));
        assertEquals("config.json: inputs.truncation must be 'sentence' or 'end', got 'start'", e.getMessage());
    }
}
