package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelResultTest {

    @Test
    void looksUpFiguresAndTheirValues() {
        ModelResult m = ScaleFixtures.measured();
        assertEquals(3.0, m.peakGib(ScaleFigure.EVAL).getAsDouble(), 1e-12);
        assertEquals(5.0, m.value(ScaleFigure.LOAD, "load_s").getAsDouble());
        assertTrue(m.value(ScaleFigure.LOAD, "missing").isEmpty());
        ModelResult f = ScaleFixtures.failing();
        assertTrue(f.peakGib(ScaleFigure.EVAL).isEmpty());
        assertTrue(f.figure(ScaleFigure.EXPORT_RELOAD).isEmpty());
        assertTrue(f.value(ScaleFigure.EVAL, "anything").isEmpty());
    }
}
