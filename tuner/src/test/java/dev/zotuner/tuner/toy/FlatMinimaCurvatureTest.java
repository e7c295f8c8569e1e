package dev.zotuner.tuner.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.FlatMinimaExample;
import dev.zotuner.tuner.linalg.SymmetricEigen;
import dev.zotuner.tuner.toy.FlatMinimaConfig.Method;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatMinimaCurvatureTest {

    @Test
    void closedFormsMatchTheExactHessianAwayFromMinima() {
        for (long seed = 1; seed <= 4; seed++) {
            FlatMinimaExample f = FlatMinimaExample.random(6, seed);
            check(f);
        }
        check(example(new float[] {0.3f, -2f}, new float[] {0.1f, 0.2f}));   // r < 0
        check(example(new float[] {1f}, new float[] {3f}));                   // d = 1: no ±r eigenvalues
    }

    @Test
    void atAMinimiserLambdaMaxIsTheTrace() {
        FlatMinimaCurvature c = FlatMinimaCurvature.of(example(new float[] {4, 0, 0}, new float[] {0.25f, 0, 0}), 0.1);
        assertEquals(0, c.residual(), 0);
        assertEquals(0, c.loss(), 0);
        assertEquals(16.0625, c.trace(), 1e-12);
        assertEquals(c.trace(), c.lambdaMax(), 1e-12);
        assertEquals(c.trace() * c.trace(), c.traceSq(), 1e-9);
        // ½λ² Tr + ½λ⁴ d
        assertEquals(0.5 * 0.01 * 16.0625 + 0.5 * 1e-4 * 3, c.smoothedLoss(), 1e-12);
    }

    @Test
    void curvatureLineIsExactAndZoAddsItsStabilityAndSmoothedLoss() {
        FlatMinimaExample f = FlatMinimaExample.random(5, 7);
        FlatMinimaConfig zo = FlatMinimaConfig.of(Method.ZO, 5, 7, 0.002, 0.1, 10, 1);
        Map<String, Object> m = FlatMinimaCurvature.of(f, zo.eps()).fields(zo);
        double t = f.hessianTrace(null);
        assertEquals(t, m.get("trace"));
        assertEquals(0.0, m.get("trace_se"));
        assertEquals(t, m.get("trace_ci_low"));
        assertEquals(t, m.get("trace_ci_high"));
        assertEquals(0, m.get("probes"));
        assertEquals(1000.0, m.get("threshold"));
        double sq = (double) m.get("trace_sq");
        assertEquals(0.001 * (t + 0.002 * sq), (double) m.get("stability_s"), 1e-12);
        assertEquals(f.smoothedLoss(0.1), m.get("smoothed_loss"));
        assertEquals(f.residual(), m.get("residual"));

        FlatMinimaConfig gd = FlatMinimaConfig.of(Method.GD, 5, 7, 0.01, null, 10, 1);
        Map<String, Object> g = FlatMinimaCurvature.of(f, gd.eps()).fields(gd);
        assertTrue(g.containsKey("stability_s"));
        assertNull(g.get("stability_s"));
        assertTrue(!g.containsKey("smoothed_loss"));
        assertEquals(200.0, g.get("threshold"));
    }

    private static void check(FlatMinimaExample f) {
        FlatMinimaCurvature c = FlatMinimaCurvature.of(f, Double.NaN);
        double[][] h = f.hessian();
        double sq = 0;
        for (double[] row : h) {
            for (double v : row) {
                sq += v * v;
            }
        }
        double[] eig = SymmetricEigen.of(h).values();
        double max = Arrays.stream(eig).max().orElseThrow();
        assertEquals(sq, c.traceSq(), 1e-9 * sq);
        assertEquals(max, c.lambdaMax(), 1e-9 * (1 + Math.abs(max)));
        assertEquals(f.hessianTrace(null), c.trace(), 0);
        assertEquals(f.loss(), c.loss(), 0);
        assertTrue(Double.isNaN(c.smoothedLoss()));
    }

    private static FlatMinimaExample example(float[] x, float[] y) {
        return new FlatMinimaExample(ParameterStore.builder()
                .add("x", new long[] {x.length}, "x", false, x)
                .add("y", new long[] {y.length}, "y", false, y)
                .build());
    }
}
