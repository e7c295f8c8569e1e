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
                NoiseKind.GAUSSIAN, 0, false, TraceEstimate.Stop.PROBE_CAP);
        List<String> w = new ArrayList<>(List.of("a"));
        StepCheck c = new StepCheck(t, t, 0, 0, 0, 0, 1, 0, true, w);
        w.add("b");
        assertEquals(List.of("a"), c.warnings());
        assertThrows(UnsupportedOperationException.class, () -> c.warnings().add("c"));
        assertEquals(0.125, c.h());
    }
}
