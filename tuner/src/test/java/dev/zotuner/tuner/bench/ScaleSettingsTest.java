package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleSettingsTest {

    @Test
    void defaultsAndChecks() {
        ScaleSettings s = ScaleSettings.defaults();
        assertEquals("sst2", s.task());
        assertEquals(16, s.batch());
        assertEquals(24, s.seq());
        assertEquals(List.of(ScaleFigure.values()), s.figures());
        assertThrows(IllegalArgumentException.class, () -> new ScaleSettings("sst2", 8, 32, 0, 16, 24, 2, 3, 42, List.of()));
    }

    @Test
    void fineTuningVariants() {
        assertEquals(List.of("--optimizer", "zo-sgd", "--train-layers", "top:2"), ScaleSettings.variant(ScaleFigure.FINETUNE_TOP2));
        assertEquals(List.of("--optimizer", "zo-sgd", "--peft", "bitfit", "--bitfit-layernorm"),
                ScaleSettings.variant(ScaleFigure.FINETUNE_BITFIT));
        assertThrows(IllegalArgumentException.class, () -> ScaleSettings.variant(ScaleFigure.EVAL));
    }
}
