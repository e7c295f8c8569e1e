package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenInputTest {

    @Test
    void recognisesTheFourSupportedNames() {
        for (TokenInput t : TokenInput.values()) {
            assertEquals(Optional.of(t), TokenInput.byName(t.onnxName()));
        }
        assertEquals("token_type_ids", TokenInput.TOKEN_TYPE_IDS.onnxName());
        assertEquals(Optional.empty(), TokenInput.byName("past_key_values.0.key"));
    }
}
