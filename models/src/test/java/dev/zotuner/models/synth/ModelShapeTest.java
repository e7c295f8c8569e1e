package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelShapeTest {

    @Test
    void namedShapesCopyTheirHuggingFaceConfigurations() {
        ModelShape llama = ModelShape.named("llama-3.2-1b");
        assertEquals(Architecture.LLAMA, llama.architecture());
        assertEquals(128256, llama.vocab());
        assertEquals(2048, llama.hidden());
        assertEquals(16, llama.layers());
        assertEquals(32, llama.heads());
        assertEquals(8, llama.kvHeads());
        assertEquals(64, llama.headDim());
        assertEquals(8192, llama.intermediate());
        ModelShape opt = ModelShape.named("opt-1.3b");
        assertEquals(50272, opt.vocab());
        assertEquals(24, opt.layers());
        assertEquals(ModelShape.named("roberta-large").heads(), 16);
        assertEquals(ModelShape.named("bert-base").eps(), 1e-12);
    }

    @Test
    void tinyShapesKeepTheArchitectureAndGroupedAttention() {
        ModelShape tiny = ModelShape.named("llama-tiny");
        assertEquals(Architecture.LLAMA, tiny.architecture());
        assertTrue(tiny.kvHeads() < tiny.heads(), "still grouped-query");
        assertEquals(2, tiny.layers());
        assertEquals(ModelShape.named("opt-tiny").heads(), ModelShape.named("opt-tiny").kvHeads());
        assertEquals(List.of("bert-base", "roberta-large", "opt-1.3b", "llama-3.2-1b", "bert-tiny", "roberta-tiny",
                "opt-tiny", "llama-tiny"), ModelShape.names());
    }

    @Test
    void layersCanBeOverriddenAndSizesAreChecked() {
        ModelShape opt = ModelShape.named("opt-1.3b").withLayers(10);
        assertEquals(10, opt.layers());
        assertEquals("opt-1.3b-10l", opt.name());
        ModelException e = assertThrows(ModelException.class, () -> ModelShape.named("gpt-5"));
        assertTrue(e.getMessage().contains("llama-3.2-1b"), e.getMessage());
        assertThrows(ModelException.class, () -> new ModelShape("x", Architecture.LLAMA, 10, 30, 1, 4, 2, 8, 8, 1e-5));
        assertThrows(ModelException.class, () -> new ModelShape("x", Architecture.LLAMA, 10, 32, 1, 4, 3, 8, 8, 1e-5));
    }
}
