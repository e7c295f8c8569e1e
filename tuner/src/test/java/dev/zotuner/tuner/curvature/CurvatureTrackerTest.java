package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CurvatureTrackerTest {

    private static final int[] BATCH = {0};
    private static final double[] SPECTRUM = {6, 3, 2, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.1};

    @Test
    void measuresEveryNStepsReproducibly() {
        Quadratic q = Problems.dense(Problems.rotated(SPECTRUM, 1), 2);
        float[] before = q.parameters().snapshot();
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            CurvatureTracker t = new CurvatureTracker(e, CurvatureTracker.Options.of(5, 12, 9));
            assertTrue(t.due(0));
            assertFalse(t.due(3));
            assertEquals(Optional.empty(), t.afterStep(3, q, BATCH, ZoDynamics.gd(1), 0.01, null));
            CurvatureMeasurement r = t.afterStep(10, q, BATCH, ZoDynamics.gd(1), 0.01, null).orElseThrow();
            assertEquals(10, r.step());
            assertEquals(12, r.trace().probes());
            assertNull(r.ritz());
            assertEquals(200, r.threshold(), 1e-9);
            assertEquals(14.6, r.trace().trace(), 4 * r.trace().traceSe(), r.toString()); // Tr H = Σ SPECTRUM
            CurvatureMeasurement again = new CurvatureTracker(e, CurvatureTracker.Options.of(5, 12, 9))
                    .measure(10, q, BATCH, ZoDynamics.gd(1), 0.01, null);
            assertEquals(r.trace(), again.trace());
            // common random numbers: a later measurement at the same θ repeats the estimate exactly
            assertEquals(r.trace(), t.measure(15, q, BATCH, ZoDynamics.gd(1), 0.01, null).trace());
            Map<String, Object> m = r.toMap();
            assertEquals(10L, m.get("step"));
            assertEquals("gd", m.get("optimizer"));
            @SuppressWarnings("unchecked")
            List<Double> values = (List<Double>) m.get("probe_values"); // logged for paired comparisons
            assertEquals(12, values.size());
            assertEquals(r.trace().trace(), values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 1e-9);
        }
        assertArrayEquals(before, q.parameters().snapshot());
    }

    @Test
    void boundsLambdaMaxFromTheLastObservedStepDirections() {
        Quadratic q = Problems.dense(Problems.rotated(SPECTRUM, 3), 4);
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            CurvatureTracker t = new CurvatureTracker(e, new CurvatureTracker.Options(1, 8, 1e-3, 0, 3));
            for (long seed = 100; seed < 105; seed++) {
                t.observeStep(seed);
            }
            assertEquals(List.of(Direction.seeded(102), Direction.seeded(103), Direction.seeded(104)), t.recentDirections());
            CurvatureMeasurement r = t.measure(5, q, BATCH, ZoDynamics.gdm(0.9, 1), 0.01, null);
            assertEquals(3, r.ritz().dimension());
            assertTrue(r.lambdaMaxLowerBound() > 0 && r.lambdaMaxLowerBound() <= 6 * (1 + 1e-4), r.ritz().toString());
            assertEquals(2 * (1 - 0.9) / 0.01, r.threshold(), 1e-9);
            assertEquals("lower", r.toMap().get("lambda_max_bound"));
            CurvatureTracker none = new CurvatureTracker(e, new CurvatureTracker.Options(1, 8, 1e-3, 0, 3));
            assertTrue(none.recentDirections().isEmpty());
            assertNull(none.measure(5, q, BATCH, ZoDynamics.gd(1), 0.01, null).ritz());
        }
    }

    @Test
    void adamUsesItsPreconditionerAndNothingElseDoes() {
        Quadratic q = Problems.dense(Problems.rotated(SPECTRUM, 5), 6);
        float[] v = new float[10];
        java.util.Arrays.fill(v, 0.04f);
        Preconditioner p = Preconditioner.adam(java.nio.FloatBuffer.wrap(v), 0.999, 1000, 1e-8);
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.RADEMACHER)) {
            CurvatureTracker t = new CurvatureTracker(e, CurvatureTracker.Options.of(1, 6, 0));
            CurvatureMeasurement r = t.measure(1, q, BATCH, ZoDynamics.adam(0.9, 1), 1e-3, p);
            assertTrue(r.trace().preconditioned());
            assertEquals(2 / 1e-3, r.threshold(), 1e-6);
            assertTrue(Double.isNaN(r.trace().traceSq()), "Rademacher probes: no tr H²");
            assertEquals("curvature tracking for adam needs its preconditioner", assertThrows(IllegalArgumentException.class,
                    () -> t.measure(1, q, BATCH, ZoDynamics.adam(0.9, 1), 1e-3, null)).getMessage());
            assertEquals("a preconditioner is only used with adam, not gdm", assertThrows(IllegalArgumentException.class,
                    () -> t.measure(1, q, BATCH, ZoDynamics.gdm(0.5, 1), 1e-3, p)).getMessage());
        }
        assertEquals("--curvature-every must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> CurvatureTracker.Options.of(0, 4, 1)).getMessage());
        assertEquals("--probes must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> CurvatureTracker.Options.of(3, 1, 1)).getMessage());
    }
}
