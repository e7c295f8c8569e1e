package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import org.junit.jupiter.api.Test;

class BenchLayoutTest {

    @Test
    void defaultLayoutIsMiniLmL6WithoutPooler() {
        ParameterStore s = BenchLayout.minilm(30522, 6);
        assertEquals(BenchLayout.MINILM_L6_ELEMENTS, s.size());
        assertEquals(101, s.parameters().size());
        assertEquals(7, s.blocks().size());
        assertEquals(1536 * 384, s.get("encoder.layer.5.intermediate.dense.weight").size());
        assertTrue(s.get("encoder.layer.0.attention.self.query.weight").decays());
        assertFalse(s.get("encoder.layer.0.output.LayerNorm.weight").decays());
    }

    @Test
    void shapeKnobsScaleTheStore() {
        long perLayer = 4L * (384 * 384 + 384) + 1536 * 384 + 1536 + 384 * 1536 + 384 + 4 * 384;
        assertEquals(10L * 384 + 514 * 384 + 768 + 2 * perLayer, BenchLayout.minilm(10, 2).size());
    }
}
