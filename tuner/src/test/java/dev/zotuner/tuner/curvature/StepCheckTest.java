package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.perturb.NoiseKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepCheckTest {

    @Test
    void warningsAreAnImmutableCopyAndHIsTheCheckedStep() {
        TraceEstimate t = new TraceEstimate(1, 0.1, 0.8, 1.2, 0.95, 10, Double.NaN, Double.NaN, 0, 0.125,
                NoiseKind.GAUSSIAN, 0, false, TraceEstimate.Stop.PROBE_CAP, List.of());
        List<String> w = new ArrayList<>(List.of("a"));
        StepCheck c = new StepCheck(t, t, 0, 0, 0, 0, 1, 0, true, w);
        w.add("b");
        assertEquals(List.of("a"), c.warnings());
        assertThrows(UnsupportedOperationException.class, () -> c.warnings().add("c"));
        assertEquals(0.125, c.h());
    }

    @Test
    void theTruncationBiasIsTheDistanceToTheRichardsonValueAndIsMeasuredInStandardErrors() {
        TraceEstimate atH = new TraceEstimate(485, 120, 245, 725, 0.95, 100, Double.NaN, Double.NaN, 0.6, 1e-3,
                NoiseKind.GAUSSIAN, 0, false, TraceEstimate.Stop.PROBE_CAP, List.of());
        TraceEstimate at2H = new TraceEstimate(470, 118, 235, 705, 0.95, 100, Double.NaN, Double.NaN, 0.6, 2e-3,
                NoiseKind.GAUSSIAN, 0, false, TraceEstimate.Stop.PROBE_CAP, List.of());
        StepCheck c = new StepCheck(atH, at2H, 15, 4, 7, 23, (4 * 485 - 470) / 3.0, 0.2, false, List.of());
        assertEquals(-5, c.truncationBias(), 1e-12, "T(h) = T(0) + c h^2, T(h) - T(2h) = -3 c h^2");
        assertEquals(5.0 / 120, c.biasInStandardErrors(), 1e-12);
    }
}
