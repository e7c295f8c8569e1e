package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SecondDifferenceTest {

    private static final int D = 12;
    private static final int[] ALL = {0};

    /** ½(θ−θ*)ᵀH(θ−θ*) far from its minimum (large gradient). */
    private static Quadratic quadratic(double[][] h) {
        return Quadratic.dense(Problems.store(Problems.gaussian(h.length, 1, 5)), h,
                Problems.doubles(Problems.gaussian(h.length, 3, 6)));
    }

    private static double[] noise(PerturbationEngine e, ParameterStore s, long seed) {
        double[] v = new double[(int) s.size()];
        for (Parameter p : s.parameters()) {
            float[] z = new float[p.size()];
            e.noise(p, seed, 0, z, 0, p.size());
            for (int i = 0; i < z.length; i++) {
                v[(int) p.offset() + i] = z[i];
            }
        }
        return v;
    }

    /**
     * [L(θ₊) + L(θ₋) − 2L(θ)]/h² in double at the float points the estimator should use: of the
     * candidates plus/minus, the one farther from 0 and the mirror 2θ − it of the other.
     */
    private static double realised(Quadratic q, float[] theta, IntToDoubleFunction plus, IntToDoubleFunction minus,
                                   double step) {
        float[] p = new float[theta.length];
        float[] m = new float[theta.length];
        for (int i = 0; i < theta.length; i++) {
            p[i] = (float) plus.applyAsDouble(i);
            m[i] = (float) minus.applyAsDouble(i);
            if (Math.abs(p[i]) >= Math.abs(m[i])) {
                m[i] = (float) (2.0 * theta[i] - p[i]);
            } else {
                p[i] = (float) (2.0 * theta[i] - m[i]);
            }
        }
        double[][] h = q.hessian();
        double[] opt = q.optimum();
        double[] values = new double[3];
        float[][] points = {p, m, theta};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < theta.length; i++) {
                for (int j = 0; j < theta.length; j++) {
                    values[k] += 0.5 * (points[k][i] - opt[i]) * h[i][j] * (points[k][j] - opt[j]);
                }
            }
        }
        return (values[0] + values[1] - 2 * values[2]) / (step * step);
    }

    @Test
    void probeIsTheExactSecondDifferenceOfTheRealisedPerturbation() {
        double[][] h = Problems.rotated(new double[] {5, 4, 3, 2, 1, 1, 0.5, 0.5, 0.2, 0.1, 0.1, 0}, 2);
        Quadratic q = quadratic(h);
        float[] theta = q.parameters().snapshot();
        float step = 1e-3f;
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN);
             SecondDifference sd = new SecondDifference(e, q, ALL, Coordinates.all(q.parameters()))) {
            double[] v = noise(e, q.parameters(), 77);
            double expected = realised(q, theta, i -> Math.fma(step, (float) v[i], theta[i]),
                    i -> Math.fma(-step, (float) v[i], theta[i]), step);
            assertEquals(expected, sd.alongNoise(77, step), 1e-7 * expected); // L ~ 100: double cancellation
            double vhv = 0;
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    vhv += v[i] * h[i][j] * v[j];
                }
            }
            // mirrored points: the gradient term cancels, only the O(ulp(θ)/h) error of Δ vs hv is left
            assertEquals(vhv, sd.alongNoise(77, step), 1e-4 * vhv);

            float[] p = {1, 4, 9, 16, 0.25f, 2, 3, 5, 7, 11, 13, 0.5f};
            Preconditioner pre = Preconditioner.diagonal(p);
            double pq = realised(q, theta, i -> Math.fma((float) (step * (1 / Math.sqrt(p[i]))), (float) v[i], theta[i]),
                    i -> Math.fma(-(float) (step * (1 / Math.sqrt(p[i]))), (float) v[i], theta[i]), step);
            assertEquals(pq, sd.alongNoise(77, step, pre), 1e-7 * pq);

            float[][] basis = {Problems.gaussian(D, 1, 8), Problems.gaussian(D, 1, 9)};
            double[] c = {1, -2};
            double cq = realised(q, theta, i -> (float) (theta[i] + step * (c[0] * basis[0][i] + c[1] * basis[1][i])),
                    i -> (float) (theta[i] - step * (c[0] * basis[0][i] + c[1] * basis[1][i])), step);
            assertEquals(cq, sd.alongCombination(basis, c, step, null), 1e-7 * cq);
            assertEquals(9, sd.forwards()); // centre + 4 probes
            assertEquals(q.loss(ALL), sd.centreLoss());
            assertArrayEquals(theta, q.parameters().snapshot()); // restored after each probe
        }
    }

    @Test
    void mirroredPointsGiveExactlyOppositeDisplacements() {
        float[] theta = Problems.gaussian(4000, 1, 3);
        double[] hd = new double[theta.length];
        java.util.Arrays.fill(hd, 1);
        float[][] seen = new float[2][];
        ParameterStore s = Problems.store(theta);
        int[] call = {0};
        Objective recorder = Objective.of(s, 1, examples -> {
            if (call[0] > 0) {
                seen[call[0] - 1] = s.snapshot();
            }
            call[0]++;
            return 0;
        });
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN);
             SecondDifference sd = new SecondDifference(e, recorder, ALL, Coordinates.all(s))) {
            sd.alongNoise(5, 1e-3f);
        }
        int opposite = 0;
        for (int i = 0; i < theta.length; i++) {
            double plus = (double) seen[0][i] - theta[i];
            double minus = (double) seen[1][i] - theta[i];
            opposite += plus == -minus ? 1 : 0;
        }
        // exact wherever |h z| ≤ |θ| (all but θᵢ within ~10⁻³ of 0: 1 of 4 000 here), also across binades
        assertTrue(opposite >= theta.length - 3, opposite + " of " + theta.length + " exactly opposite");
    }

    @Test
    void mirrorKeepsTheCandidateFartherFromZero() {
        // θ₀ = 1 − 2⁻²⁴ (top of a binade), s = 2⁻²²: θ₀ + s crosses into [1, 2) and rounds; the mirror of
        // it is exact, so the two displacements are exactly opposite
        float centre = 1f - 0x1p-24f;
        float plus = centre + 0x1.8p-22f;   // rounded to the coarser grid
        float minus = centre - 0x1.8p-22f;
        float p = SecondDifference.place(1, centre, plus, minus);
        float m = SecondDifference.place(-1, centre, plus, minus);
        assertEquals(plus, p);
        assertEquals((double) p - centre, centre - (double) m, 0.0);
        // near 0 the candidate farther from 0 is the anchor, whichever sign it has
        assertEquals(-0.75f, SecondDifference.place(-1, 0.25f, 1.25f, -0.75f), 0f);
        assertEquals(1.25f, SecondDifference.place(1, 0.25f, 1.25f, -0.75f), 0f);
        assertEquals(-2f, SecondDifference.place(-1, -0.5f, 1f, -2f), 0f);
        assertEquals(1f, SecondDifference.place(1, -0.5f, 1f, -2f), 0f);
    }

    @Test
    void manyProbesLeaveThetaBitIdenticalWhileInPlaceUndoDrifts() {
        float[] theta = Problems.gaussian(1000, 3, 11);
        double[] hdiag = new double[1000];
        Arrays.fill(hdiag, 1);
        Quadratic q = Quadratic.diagonal(Problems.store(theta), hdiag, new double[1000]);
        ParameterStore s = q.parameters();
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            try (SecondDifference sd = new SecondDifference(e, q, ALL, Coordinates.all(s))) {
                for (int k = 0; k < 200; k++) {
                    sd.alongNoise(k, 1e-3f);
                }
            }
            assertArrayEquals(bits(theta), bits(s.snapshot()));
            // what the snapshot prevents: undoing ±hv in place accumulates float32 rounding
            for (int k = 0; k < 200; k++) {
                e.perturb(s.parameters(), k, 1e-3f);
                e.perturb(s.parameters(), k, -2e-3f);
                e.perturb(s.parameters(), k, 1e-3f);
            }
            assertFalse(Arrays.equals(bits(theta), bits(s.snapshot())), "in-place +h, -2h, +h drifts");
        }
    }

    @Test
    void restoresThetaWhenTheLossThrows() {
        ParameterStore s = Problems.store(new float[] {1, 2, 3, 4});
        float[] before = s.snapshot();
        int[] calls = {0};
        Objective failing = Objective.of(s, 1, examples -> {
            if (calls[0]++ == 1) {
                throw new IllegalStateException("forward failed");
            }
            return 1;
        });
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.RADEMACHER);
             SecondDifference sd = new SecondDifference(e, failing, ALL, Coordinates.all(s))) {
            assertThrows(IllegalStateException.class, () -> sd.alongNoise(1, 0.5f));
            assertArrayEquals(before, s.snapshot());
        }
    }

    @Test
    void rejectsBadInput() {
        Quadratic q = quadratic(Problems.rotated(new double[] {1, 1}, 1));
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            Coordinates c = Coordinates.all(q.parameters());
            assertEquals("curvature: no example indices given", assertThrows(IllegalArgumentException.class,
                    () -> new SecondDifference(e, q, new int[0], c)).getMessage());
            try (SecondDifference sd = new SecondDifference(e, q, ALL, c)) {
                assertEquals("finite-difference step h must be finite and > 0, got 0.0",
                        assertThrows(IllegalArgumentException.class, () -> sd.alongNoise(1, 0f)).getMessage());
                assertEquals("basis vector has 3 values, expected 2", assertThrows(IllegalArgumentException.class,
                        () -> sd.alongCombination(new float[][] {{1, 2, 3}}, new double[] {1}, 1f, null)).getMessage());
            }
        }
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }
}
