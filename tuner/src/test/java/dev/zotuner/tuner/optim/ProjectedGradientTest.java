package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectedGradientTest {

    @Test
    void isTheCentralDifferenceOverTwoEpsilon() {
        ProjectedGradient pg = ProjectedGradient.of(7, 1.5, 0.5, 0.25f);
        assertEquals(2.0, pg.g(), 0);
        assertEquals(1.0, pg.loss(), 0);
        assertEquals(7, pg.seed());
    }

    /**
     * E[g·z] = ∇L: the mean of ĝ = g·z over M seeds lies within 4 standard errors (sample std) of the
     * exact gradient in every coordinate, while an estimator off by a factor 2 is ≥ 10 standard
     * errors away — so this test would catch a missing or doubled 2 in g = (L+ − L−)/(2ε).
     */
    @Test
    void gTimesZIsAnUnbiasedGradientEstimateOnAQuadratic() {
        int d = 6;
        int samples = 20_000;
        double[] h = {0.5, 1, 1.5, 2, 2.5, 3};
        double[] opt = {0.1, -0.2, 0.3, 0, 0.5, -1};
        float[] start = new float[d];
        for (int i = 0; i < d; i++) {
            start[i] = (float) (opt[i] + (i % 2 == 0 ? 1 : -1) / h[i]);     // ∇L = ±1 in every coordinate
        }
        ParameterStore store = ParameterStore.builder().add("w", new long[] {d}, "w", true, start).build();
        Quadratic q = Quadratic.diagonal(store, h, opt);
        double[] truth = q.gradient();
        List<Parameter> all = store.parameters();
        float eps = 1e-2f;
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        float[] z = new float[d];
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            for (int s = 0; s < samples; s++) {
                long seed = Seeds.direction(2024, s, 0);
                engine.perturb(all, seed, eps);
                double plus = q.loss();
                store.restore(start);
                engine.perturb(all, seed, -eps);
                double minus = q.loss();
                store.restore(start);
                ProjectedGradient pg = ProjectedGradient.of(seed, plus, minus, eps);
                engine.noise(all.get(0), seed, 0, z, 0, d);
                for (int i = 0; i < d; i++) {
                    double e = pg.g() * z[i];
                    sum[i] += e;
                    sumSq[i] += e * e;
                }
            }
        }
        double worstBiased = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            double mean = sum[i] / samples;
            double se = Math.sqrt((sumSq[i] / samples - mean * mean) / samples);
            assertTrue(Math.abs(mean - truth[i]) < 4 * se,
                    "coordinate " + i + ": mean " + mean + " vs gradient " + truth[i] + " (se " + se + ")");
            worstBiased = Math.min(worstBiased, Math.abs(2 * mean - truth[i]) / (2 * se));
        }
        assertTrue(worstBiased > 10, "a factor-2 bias would only be " + worstBiased + " standard errors off");
    }
}
