package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.AnalyticObjective;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class HutchinsonTraceTest {

    private static final int REPS = 100;

    private static double[] harmonic(int d) {
        double[] l = new double[d];
        for (int i = 0; i < d; i++) {
            l[i] = 1.0 / (i + 1);
        }
        return l;
    }

    /** How many of REPS seeded estimates (seed = rep) have a 95 % interval covering {@code truth}. */
    private static int covered(NoiseKind kind, Objective f, double truth, Preconditioner p, int probes) {
        int covers = 0;
        try (PerturbationEngine e = new PerturbationEngine(1, kind)) {
            HutchinsonTrace ht = new HutchinsonTrace(e);
            for (int r = 0; r < REPS; r++) {
                TraceEstimate t = ht.estimate(f, AnalyticObjective.all(f.size()), p,
                        HutchinsonOptions.defaults().withSeed(r).withProbes(probes));
                covers += t.covers(truth) ? 1 : 0;
            }
        }
        return covers;
    }

    @Test
    void intervalCoversTheTraceOfQuadraticsAndALogisticRegression() {
        Quadratic diag = Problems.diagonal(harmonic(40), 1);
        double[] geometric = new double[24];
        for (int i = 0; i < geometric.length; i++) {
            geometric[i] = 5 * Math.pow(0.8, i);
        }
        double[][] h = Problems.rotated(geometric, 2);
        Quadratic dense = Problems.dense(h, 3);
        Problems.Logistic lr = Problems.logistic(60, 6, 4);
        int a = covered(NoiseKind.GAUSSIAN, diag, Problems.trace(diag.hessian()), null, 30);
        int b = covered(NoiseKind.RADEMACHER, dense, Problems.trace(h), null, 30);
        int c = covered(NoiseKind.GAUSSIAN, dense, Problems.trace(h), null, 30);
        int d = covered(NoiseKind.GAUSSIAN, lr.objective(), lr.exactTrace(), null, 30);
        assertTrue(a >= 90 && b >= 90 && c >= 90 && d >= 90, a + " " + b + " " + c + " " + d + " of " + REPS);
    }

    @Test
    void errorShrinksLikeOneOverRootProbes() {
        Quadratic q = Problems.diagonal(harmonic(40), 5);
        double truth = q.hessianTrace(null);
        double[] rms = new double[2];
        int[] probes = {16, 64};
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            HutchinsonTrace ht = new HutchinsonTrace(e);
            for (int k = 0; k < 2; k++) {
                double sum = 0;
                for (int r = 0; r < 200; r++) {
                    double err = ht.estimate(q, HutchinsonOptions.defaults().withSeed(1000 + r).withProbes(probes[k]))
                            .trace() - truth;
                    sum += err * err;
                }
                rms[k] = Math.sqrt(sum / 200);
            }
        }
        double ratio = rms[1] / rms[0];
        assertTrue(ratio > 0.4 && ratio < 0.6, "RMS error at 4x probes / at 1x = " + ratio);
        double predicted = Math.sqrt(2 * 1.0 / 16 * sumOfSquares(harmonic(40)));
        assertEquals(predicted, rms[0], 0.2 * predicted); // Var q = 2 tr H² for Gaussian probes
    }

    @Test
    void traceOfHSquaredFromGaussianProbesIsUnbiased() {
        double[][] h = Problems.rotated(new double[] {3, 2.5, 2, 1.5, 1, 1, 1, 0.5, 0.5, 0.25, 0.1, 0.1, 0.05, 0, 0}, 6);
        Quadratic q = Problems.dense(h, 7);
        double truth = Problems.traceSquared(h);
        int reps = 200;
        double sum = 0;
        double sumSq = 0;
        double seSum = 0;
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            HutchinsonTrace ht = new HutchinsonTrace(e);
            for (int r = 0; r < reps; r++) {
                TraceEstimate t = ht.estimate(q, HutchinsonOptions.defaults().withSeed(r).withProbes(40));
                sum += t.traceSq();
                sumSq += t.traceSq() * t.traceSq();
                seSum += t.traceSqSe();
            }
        }
        double mean = sum / reps;
        double sd = Math.sqrt((sumSq - reps * mean * mean) / (reps - 1));
        assertEquals(truth, mean, 3 * sd / Math.sqrt(reps), "mean of tr H² estimates");
        double meanSe = seSum / reps;
        assertTrue(meanSe > 0.6 * sd && meanSe < 1.4 * sd, "reported se " + meanSe + " vs spread " + sd);
    }

    @Test
    void preconditionedTraceIsTraceOfPInverseH() {
        double[] hd = harmonic(30);
        Quadratic diag = Problems.diagonalAtOptimum(hd, 0.01, 8);
        float[] v = new float[30];
        for (int i = 0; i < 30; i++) {
            v[i] = (float) (0.01 * (i % 7 + 1));
        }
        Preconditioner p = Preconditioner.adam(java.nio.FloatBuffer.wrap(v), 0.999, 100, 1e-8);
        double exact = 0;
        for (int i = 0; i < 30; i++) {
            exact += hd[i] / p.diagonalAt(i);
        }
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.RADEMACHER)) {
            // diagonal H, Rademacher probes, zero gradient: every probe is Σ Hᵢᵢ/Pᵢ up to the rounding
            // of θ ± hv, relative ≤ ½ulp(θᵢ)/(h/√Pᵢ) ≈ 10⁻⁶ for |θ| ~ 0.01 (5·10⁻⁹ observed)
            TraceEstimate t = new HutchinsonTrace(e).estimate(diag, new int[] {0}, p,
                    HutchinsonOptions.defaults().withProbes(5));
            assertEquals(exact, t.trace(), 1e-7 * exact);
            assertTrue(t.traceSe() < 1e-7 * exact);
            assertTrue(t.preconditioned());
        }
        double[][] h = Problems.rotated(harmonic(30), 9);
        Quadratic dense = Problems.dense(h, 10);
        double exactDense = 0;
        for (int i = 0; i < 30; i++) {
            exactDense += h[i][i] / p.diagonalAt(i);
        }
        int covers = covered(NoiseKind.GAUSSIAN, dense, exactDense, p, 30);
        assertTrue(covers >= 90, covers + " of " + REPS);
    }

    @Test
    void adaptiveStoppingHonoursTargetMinimumAndCap() {
        Quadratic q = Problems.diagonal(harmonic(40), 11);
        try (PerturbationEngine g = new PerturbationEngine(1, NoiseKind.GAUSSIAN);
             PerturbationEngine r = new PerturbationEngine(1, NoiseKind.RADEMACHER)) {
            TraceEstimate t = new HutchinsonTrace(g).estimate(q, HutchinsonOptions.defaults().withAdaptiveProbes(5, 500, 0.05));
            assertEquals(TraceEstimate.Stop.TARGET_REACHED, t.stop());
            assertTrue(t.relativeSe() <= 0.05 && t.probes() >= 5 && t.probes() < 500, t.toString());
            ProbeStatistics prefix = new ProbeStatistics(); // it stopped at the first probe count meeting the target
            try (SecondDifference sd = new SecondDifference(g, q, new int[] {0}, Coordinates.all(q.parameters()))) {
                HutchinsonOptions o = HutchinsonOptions.defaults();
                for (int k = 0; k < t.probes() - 1; k++) {
                    prefix.add(sd.alongNoise(o.probeSeed(k), o.step()));
                    assertTrue(k + 1 < 5 || prefix.relativeStandardError() > 0.05);
                }
            }
            TraceEstimate cap = new HutchinsonTrace(g).estimate(q, HutchinsonOptions.defaults().withAdaptiveProbes(5, 12, 1e-4));
            assertEquals(TraceEstimate.Stop.PROBE_CAP, cap.stop());
            assertEquals(12, cap.probes());
            // diagonal H with Rademacher probes: zero variance, so exactly the minimum is spent
            Quadratic flat = Problems.diagonalAtOptimum(harmonic(40), 0.01, 11);
            TraceEstimate min = new HutchinsonTrace(r).estimate(flat, HutchinsonOptions.defaults().withAdaptiveProbes(6, 50, 1e-4));
            assertEquals(6, min.probes());
            assertEquals(flat.hessianTrace(null), min.trace(), 1e-6 * min.trace());
        }
    }

    @Test
    void sameSeedsGiveIdenticalNumbersForAnyThreadCount() {
        float[] theta = Problems.gaussian(3 * PerturbationEngine.CHUNK + 5, 0.1, 12);
        double[] hd = new double[theta.length];
        for (int i = 0; i < hd.length; i++) {
            hd[i] = 1 + (i % 5);
        }
        Quadratic q = Quadratic.diagonal(Problems.store(theta), hd, new double[hd.length]);
        HutchinsonOptions o = HutchinsonOptions.defaults().withSeed(77).withAdaptiveProbes(4, 20, 0.001);
        TraceEstimate first;
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            first = new HutchinsonTrace(e).estimate(q, o);
            assertEquals(first, new HutchinsonTrace(e).estimate(q, o));
        }
        try (PerturbationEngine e = new PerturbationEngine(3, NoiseKind.GAUSSIAN)) {
            assertEquals(first, new HutchinsonTrace(e).estimate(q, o));
            assertNotEquals(first.trace(), new HutchinsonTrace(e).estimate(q, o.withSeed(78)).trace());
        }
        assertTrue(Math.abs(first.trace() - q.hessianTrace(null)) < 4 * first.traceSe() + 1e-9, first.toString());
    }

    @Test
    void thetaIsBitIdenticalAfterAnEstimateAndOnlySelectedTensorsAreProbed() {
        Problems.Logistic lr = Problems.logistic(50, 8, 13);
        ParameterStore s = lr.objective().parameters();
        float[] before = s.snapshot();
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            new HutchinsonTrace(e).estimate(lr.objective(), HutchinsonOptions.defaults().withProbes(50));
            assertArrayEquals(before, s.snapshot());
            // block trace: only tensor "b" (the last 4 weights) is perturbed → Σ of those Hᵢᵢ
            double[][] h = lr.objective().hessian();
            double blockTrace = h[4][4] + h[5][5] + h[6][6] + h[7][7];
            int covers = 0;
            for (int r = 0; r < 50; r++) {
                TraceEstimate t = new HutchinsonTrace(e).estimate(lr.objective(),
                        HutchinsonOptions.defaults().withSeed(r).withProbes(30).withTensors(List.of(s.get("b"))));
                covers += t.covers(blockTrace) ? 1 : 0;
            }
            assertTrue(covers >= 44, covers + " of 50");
            assertArrayEquals(before, s.snapshot());
        }
    }

    @Test
    void progressIsToldTheRunningEstimateAfterEveryProbeUntilTheRuleStops() {
        Problems.Logistic lr = Problems.logistic(40, 6, 21);
        List<double[]> seen = new java.util.ArrayList<>();
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            HutchinsonOptions o = HutchinsonOptions.defaults().withAdaptiveProbes(3, 20, 1e9);
            TraceEstimate t = new HutchinsonTrace(e).estimate(lr.objective(), AnalyticObjective.all(40), null, o,
                    (probes, max, mean, se) -> seen.add(new double[] {probes, max, mean, se}));
            assertEquals(3, t.probes(), "a huge target stops at the minimum");
            assertEquals(3, seen.size());
            assertEquals(1, seen.get(0)[0]);
            assertEquals(20, seen.get(0)[1]);
            assertTrue(Double.isNaN(seen.get(0)[3]), "no standard error from one probe");
            assertEquals(t.trace(), seen.get(2)[2], 0);
            assertEquals(t.traceSe(), seen.get(2)[3], 0);
            TraceEstimate quiet = new HutchinsonTrace(e).estimate(lr.objective(), AnalyticObjective.all(40), null, o);
            assertEquals(t, quiet, "listening changes nothing");
        }
    }

    private static double sumOfSquares(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }
}
