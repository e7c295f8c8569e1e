package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.stability.RunCurvature;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvatureMeasurementTest {

    @TempDir
    Path dir;

    private static TraceEstimate trace(double tr, double se, double trSq, boolean pre) {
        return new TraceEstimate(tr, se, tr - 2 * se, tr + 2 * se, 0.95, 20, trSq, Double.NaN, 0.7, 1e-3,
                NoiseKind.GAUSSIAN, 5, pre, TraceEstimate.Stop.PROBE_CAP, List.of());
    }

    @Test
    void thresholdIsTwoOverLrScaledByMomentumAndDirections() {
        double lr = 0.01;
        assertEquals(2 / lr, new CurvatureMeasurement(1, trace(10, 1, 30, false), null, ZoDynamics.gd(1), lr).threshold(), 1e-9);
        assertEquals(4 / lr, new CurvatureMeasurement(1, trace(10, 1, 30, false), null, ZoDynamics.gd(2), lr).threshold(), 1e-9);
        assertEquals(2 * (1 - 0.9) / lr,
                new CurvatureMeasurement(1, trace(10, 1, 30, false), null, ZoDynamics.gdm(0.9, 1), lr).threshold(), 1e-9);
        assertEquals(2 / lr, new CurvatureMeasurement(1, trace(10, 1, 30, true), null, ZoDynamics.adam(0.9, 1), lr).threshold(), 1e-9);
    }

    @Test
    void secondOrderEstimateAndTheForwardOnlySufficientCheckForGd() {
        double lr = 0.05;
        CurvatureMeasurement r = new CurvatureMeasurement(3, trace(10, 0.5, 30, false), null, ZoDynamics.gd(1), lr);
        assertEquals(lr / 2 * (10 + lr * 30), r.stabilityS(), 1e-12); // S(η) = (η/2)(Tr H + η tr H²)
        // no sufficient bound: a forward-only summary cannot show H is PSD (at real weights it is not)
        assertFalse(r.bounds().hasLower());
        // necessary: root of (η/2)·Tr⁻ + (η²/2)·tr H² = 1 with Tr⁻ = 9, tr H² = 30: tighter than 2/Tr⁻
        assertEquals((-4.5 + Math.sqrt(4.5 * 4.5 + 60)) / 30, r.bounds().upper(), 1e-12);
        Map<String, Object> m = r.toMap();
        assertEquals(false, m.get("sufficient_stable"));
        assertEquals("undetermined", m.get("verdict"));
        assertEquals("unstable", new CurvatureMeasurement(3, trace(10, 0.5, 30, false), null, ZoDynamics.gd(1), 0.25)
                .toMap().get("verdict"));
    }

    @Test
    void lambdaMaxLowerBoundTightensOnlyTheNecessaryBound() {
        RitzEstimate ritz = new RitzEstimate(8, new double[] {8, 1}, 2, 0, 7, 1e-3, false);
        CurvatureMeasurement with = new CurvatureMeasurement(3, trace(10, 0.5, Double.NaN, false), ritz, ZoDynamics.gd(1), 0.05);
        CurvatureMeasurement without = new CurvatureMeasurement(3, trace(10, 0.5, Double.NaN, false), null, ZoDynamics.gd(1), 0.05);
        assertFalse(with.bounds().hasLower() || without.bounds().hasLower()); // a lower bound never helps sufficiency
        assertTrue(with.bounds().upper() < without.bounds().upper());
        Map<String, Object> m = with.toMap();
        assertEquals(8.0, m.get("lambda_max"));
        assertEquals("lower", m.get("lambda_max_bound"));
        assertEquals(2, m.get("ritz_dim"));
        assertFalse(m.containsKey("trace_sq"), "NaN fields are left out");
        assertFalse(m.containsKey("stability_s"));
    }

    @Test
    void mapHasTheMetricsSchemaAndRoundTripsThroughRunCurvature() throws IOException {
        RitzEstimate ritz = new RitzEstimate(4, new double[] {4}, 1, 0, 3, 1e-3, true);
        CurvatureMeasurement r = new CurvatureMeasurement(40, trace(12, 0.5, 50, true), ritz, ZoDynamics.adam(0.9, 1), 0.02);
        Map<String, Object> m = r.toMap();
        for (String key : List.of("type", "step", "trace", "trace_se", "trace_ci_low", "trace_ci_high", "probes",
                "trace_sq", "lambda_max", "lr", "threshold", "stability_s", "optimizer", "beta1")) {
            assertTrue(m.containsKey(key), key);
        }
        assertEquals("curvature", m.get("type"));
        assertEquals(List.of("type", "step", "trace"), List.copyOf(m.keySet()).subList(0, 3));
        String line = new ObjectMapper().writeValueAsString(m);
        Files.writeString(dir.resolve(RunCurvature.METRICS), "{\"step\":39,\"loss\":1.0}\n" + line + "\n");
        RunCurvature run = RunCurvature.read(dir);
        assertEquals(12, run.curvature().trace());
        assertEquals(0.5, run.curvature().traceSe());
        assertEquals(4, run.curvature().lambdaMax());
        assertTrue(run.curvature().lambdaMaxIsLowerBound());
        assertEquals(50, run.curvature().traceSq());
        assertEquals(0.02, run.learningRate());
        assertEquals("adam", m.get("optimizer"), "the linearised rule's label");
        assertEquals(0.9, run.beta1());
        assertEquals(1, run.directions());
        Map<String, Object> bare = CurvatureMeasurement.of(trace(12, 0.5, 50, false)).toMap();
        assertFalse(bare.containsKey("step"));
        assertFalse(bare.containsKey("lr"));
        assertNull(CurvatureMeasurement.of(trace(12, 0.5, 50, false)).bounds());
    }

    @Test
    void rejectsMismatchedInputs() {
        assertEquals("adam's stability needs Tr(P^-1 H): estimate with its preconditioner",
                assertThrows(IllegalArgumentException.class, () -> new CurvatureMeasurement(1, trace(1, 0, 1, false), null,
                        ZoDynamics.adam(0.9, 1), 0.1)).getMessage());
        assertEquals("gd needs the plain trace, not a preconditioned one", assertThrows(IllegalArgumentException.class,
                () -> new CurvatureMeasurement(1, trace(1, 0, 1, true), null, ZoDynamics.gd(1), 0.1)).getMessage());
        assertEquals("learning rate must be finite and > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new CurvatureMeasurement(1, trace(1, 0, 1, false), null, ZoDynamics.gd(1), 0)).getMessage());
        CurvatureMeasurement negative = new CurvatureMeasurement(1, trace(-1, 0.1, 1, false), null, ZoDynamics.gd(1), 0.1);
        assertNull(negative.bounds());
        assertTrue(Double.isNaN(negative.stabilityS()));
        assertFalse(negative.toMap().containsKey("verdict"));
    }
}
