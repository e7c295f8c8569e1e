package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureResultTest {

    @Test
    void peakAndValuesOnlyOfWhatWasMeasured() {
        Map<String, Double> values = new HashMap<>(Map.of("forward_ms", 400.0, "nan", Double.NaN));
        FigureResult ok = new FigureResult(ScaleFigure.ORT, true, null, 2048, 3, values);
        values.clear();
        assertEquals(2.0, ok.peakGib().getAsDouble());
        assertEquals(400.0, ok.value("forward_ms").getAsDouble());
        assertTrue(ok.value("nan").isEmpty());
        assertEquals("", ok.cause());
        FigureResult failed = new FigureResult(ScaleFigure.EVAL, false, "boom", 2048, 3, Map.of());
        assertTrue(failed.peakGib().isEmpty(), "a failure's peak is not a figure");
        FigureResult skipped = FigureResult.skipped(ScaleFigure.EXPORT, "needs finetune-full, which failed");
        assertFalse(skipped.ok());
        assertTrue(Double.isNaN(skipped.peakRssMib()));
    }
}
