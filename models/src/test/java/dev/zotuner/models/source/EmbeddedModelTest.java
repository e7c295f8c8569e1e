package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Pooling;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedModelTest {

    @Test
    void defaultIsAnAliasOfMiniLm() {
        assertEquals(Optional.of(EmbeddedModel.MINILM_L6), EmbeddedModel.find("default"));
        assertEquals(Optional.of(EmbeddedModel.MINILM_L6), EmbeddedModel.find(" MiniLM-L6 "));
        assertTrue(EmbeddedModel.find("bert-large").isEmpty());
        assertEquals(List.of("default", "minilm-l6"), EmbeddedModel.names());
        assertEquals(Pooling.MEAN, EmbeddedModel.DEFAULT.pooling());
        assertTrue(EmbeddedModel.DEFAULT.normalize());
    }

    @Test
    void resourcesAreOnTheClasspath() {
        for (EmbeddedModel m : EmbeddedModel.values()) {
            assertNotNull(getClass().getClassLoader().getResource(m.onnxResource()), m.onnxResource());
            assertNotNull(getClass().getClassLoader().getResource(m.tokenizerResource()), m.tokenizerResource());
        }
    }
}
