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
    void newRunsTieKeepTiesCutTheSentenceAndSliceTheHeadOldOnesDoNone() {
        assertEquals(new InputConfig(true, "sentence", true, true), InputConfig.current(true));
        assertEquals(new InputConfig(false, "sentence", false, true), InputConfig.current(false));
        assertFalse(InputConfig.legacy().sliceHead());
        assertTrue(InputConfig.current(false).cutsSentence());
        assertFalse(InputConfig.legacy().tieWeights());
        assertFalse(InputConfig.legacy().keepTies());
        assertFalse(InputConfig.legacy().cutsSentence());
    }

    @Test
    void readsItsSnakeCaseObjectAndFieldsMissingThereMeanLegacy() throws Exception {
        String current = "{\"tie_weights\":true,\"truncation\":\"sentence\",\"keep_ties\":true,\"slice_head\":true}";
        assertEquals(InputConfig.current(true), JSON.readValue(current, InputConfig.class));
        assertEquals(current, JSON.writeValueAsString(InputConfig.current(true)));
        assertEquals(InputConfig.legacy(), JSON.readValue("{}", InputConfig.class));
        String beforeKeptTies = "{\"tie_weights\":true,\"truncation\":\"sentence\"}";
        assertEquals(new InputConfig(true, "sentence", false, false), JSON.readValue(beforeKeptTies, InputConfig.class),
                "a run written before keep_ties lets top-K split a tie, as it did");
        assertEquals(beforeKeptTies, JSON.writeValueAsString(JSON.readValue(beforeKeptTies, InputConfig.class)),
                "and writes back as it was");
        String beforeSlice = "{\"tie_weights\":true,\"truncation\":\"sentence\",\"keep_ties\":true}";
        assertEquals(new InputConfig(true, "sentence", true, false), JSON.readValue(beforeSlice, InputConfig.class),
                "a run written before slice_head computes the logits at every position, as it did");
        assertEquals(beforeSlice, JSON.writeValueAsString(JSON.readValue(beforeSlice, InputConfig.class)),
                "and writes back as it was");
    }

    @Test
    void anUnknownTruncationIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InputConfig(true, "start", true, true));
        assertEquals("config.json: inputs.truncation must be 'sentence' or 'end', got 'start'", e.getMessage());
    }
}
