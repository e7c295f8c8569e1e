package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StabilityCalculatorTest {

    private static final double CROSSING = 1e-7; // relative offset either side of η*

    @Test
    void equalEigenvaluesGiveTheClosedForm() {
        double lambda = 2.5;
        for (int d : new int[] {1, 10, 300}) {
            Spectrum s = new Spectrum(filled(d, lambda));
            assertEquals(2 / ((d + 2) * lambda), StabilityCalculator.criticalStep(s, ZoDynamics.gd(1)),
                    1e-12 * 2 / ((d + 2) * lambda), "gd, d=" + d);
            for (int n : new int[] {2, 5, 64}) {
                double expected = 2.0 * n / ((d + n + 1) * lambda);
                assertEquals(expected, StabilityCalculator.criticalStep(s, ZoDynamics.gd(n)), 1e-12 * expected,
                        "gd, d=" + d + ", n=" + n);
            }
            for (double beta : new double[] {0.5, 0.9, 0.99}) {
                for (int n : new int[] {1, 3}) {
                    double expected = 2 * n * (1 - beta * beta) / (((d + 1) * (1 + beta) + n * (1 - beta)) * lambda);
                    assertEquals(expected, StabilityCalculator.criticalStep(s, ZoDynamics.gdm(beta, n)),
                            1e-12 * expected, "gdm beta=" + beta + ", d=" + d + ", n=" + n);
                }
                // n = 1: the papers' lower bound 2(1−β)/(Tr H + 2λmax/(1+β)) is attained.
                assertEquals(2 * (1 - beta) / (d * lambda + 2 * lambda / (1 + beta)),
                        StabilityCalculator.criticalStep(s, ZoDynamics.gdm(beta, 1)), 1e-12 / lambda);
            }
        }
    }

    @Test
    void adamIsMomentumOnThePreconditionedSpectrumWithEmaStep() {
        Spectrum s = new Spectrum(RandomQuadratics.spectrum(new SplittableRandom(3), 40, true));
        for (double b1 : new double[] {0.0, 0.9, 0.999}) {
            double gdm = StabilityCalculator.criticalStep(s, new ZoDynamics(b1 == 0 ? ZoUpdate.GD : ZoUpdate.GDM, b1, 2));
            assertEquals(gdm / (1 - b1), StabilityCalculator.criticalStep(s, ZoDynamics.adam(b1, 2)), 1e-12 * gdm / (1 - b1));
        }
    }

    @Test
    void feedbackIsOneAtTheCriticalStep() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            Spectrum s = new Spectrum(RandomQuadratics.spectrum(rng, 1 + rng.nextInt(200), true));
            ZoDynamics dyn = randomDynamics(rng);
            double eta = StabilityCalculator.criticalStep(s, dyn);
            assertEquals(1, StabilityCalculator.feedback(s, dyn, eta), 1e-9, dyn + " " + s);
            assertTrue(StabilityCalculator.feedback(s, dyn, eta * (1 - 1e-9)) < 1);
            assertTrue(StabilityCalculator.feedback(s, dyn, eta * (1 + 1e-9)) > 1);
        }
    }

    @Test
    void exactOperatorCrossesOneAtTheCriticalStepForGd() {
        SplittableRandom rng = new SplittableRandom(20240601);
        int[][] cases = {{24, 1}, {16, 3}, {6, 1}};
        for (int[] c : cases) {
            double[] lambda = RandomQuadratics.spectrum(rng, c[0], false);
            double[][] h = RandomQuadratics.rotated(rng, lambda);
            ZoDynamics dyn = ZoDynamics.gd(c[1]);
            double eta = StabilityCalculator.criticalStep(new Spectrum(lambda), dyn);
            assertCrossing(h, null, dyn, eta, c[0] <= 6);
        }
    }

    @Test
    void exactOperatorCrossesOneAtTheCriticalStepForMomentum() {
        SplittableRandom rng = new SplittableRandom(77);
        double[][] cases = {{10, 0.9, 1}, {8, 0.5, 2}, {4, 0.3, 4}, {3, 0.99, 1}};
        for (double[] c : cases) {
            double[] lambda = RandomQuadratics.spectrum(rng, (int) c[0], false);
            double[][] h = RandomQuadratics.rotated(rng, lambda);
            ZoDynamics dyn = ZoDynamics.gdm(c[1], (int) c[2]);
            double eta = StabilityCalculator.criticalStep(new Spectrum(lambda), dyn);
            assertCrossing(h, null, dyn, eta, c[0] <= 4);
        }
    }

    @Test
    void exactOperatorCrossesOneAtTheCriticalStepForFrozenAdam() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] cases = {{10, 0.9, 1}, {7, 0.5, 3}, {4, 0.0, 1}, {3, 0.95, 2}};
        for (double[] c : cases) {
            int d = (int) c[0];
            ZoDynamics dyn = ZoDynamics.adam(c[1], (int) c[2]);
            double[] p = RandomQuadratics.preconditioner(rng, d);
            // commuting P (diagonal H): the spectrum of P⁻¹H is all that matters
            double[] lambda = RandomQuadratics.spectrum(rng, d, false);
            double eta = StabilityCalculator.criticalStep(new Spectrum(lambda).preconditioned(p), dyn);
            assertCrossing(RandomQuadratics.diagonal(lambda), p, dyn, eta, d <= 4);
            // non-commuting P (rotated H): the pair-weighted condition
            double[][] h = RandomQuadratics.rotated(rng, lambda);
            double general = StabilityCalculator.criticalStep(h, p, dyn);
            assertCrossing(h, p, dyn, general, d <= 4);
        }
    }

    @Test
    void boundsBracketTheCriticalStepOnRandomSpectra() {
        SplittableRandom rng = new SplittableRandom(99);
        for (int trial = 0; trial < 400; trial++) {
            Spectrum s = new Spectrum(RandomQuadratics.spectrum(rng, 1 + rng.nextInt(300), trial % 3 == 0));
            ZoDynamics dyn = randomDynamics(rng);
            double eta = StabilityCalculator.criticalStep(s, dyn);
            double tr = s.trace();
            double se = 0.05 * tr;
            Curvature[] summaries = {
                Curvature.of(s),
                Curvature.ofTrace(tr),
                new Curvature(tr, Double.NaN, s.lambdaMax(), Double.NaN),
                new Curvature(tr, Double.NaN, Double.NaN, s.traceSquared()),
                new Curvature(tr, se, s.lambdaMax(), Double.NaN),
                new Curvature(tr, se, Double.NaN, s.traceSquared()),
            };
            for (Curvature summary : summaries) {
                for (Curvature c : new Curvature[] {summary, summary.withLambdaMin(0)}) {   // PSD unknown, then stated
                    StabilityBounds b = StabilityCalculator.bounds(c, dyn);
                    assertTrue(b.brackets(eta), dyn + " " + s + " " + c + ": " + b + " vs eta*=" + eta);
                    assertEquals(c.psd(), b.hasLower(), c.toString());
                }
            }
        }
    }

    @Test
    void boundsReduceToThePapersFormulasForOneDirection() {
        double tr = 7.0;
        double lmax = 2.0;
        Curvature c = new Curvature(tr, Double.NaN, lmax, Double.NaN).withLambdaMin(0);   // the papers assume PSD H
        StabilityBounds gd = StabilityCalculator.bounds(c, ZoDynamics.gd(1));
        assertEquals(2 / (tr + 2 * lmax), gd.lower(), 1e-15);
        StabilityBounds gdOnlyTrace = StabilityCalculator.bounds(Curvature.ofTrace(tr).withLambdaMin(0), ZoDynamics.gd(1));
        assertEquals(2 / (3 * tr), gdOnlyTrace.lower(), 1e-15); // PSD: λmax ≤ Tr H
        assertFalse(StabilityCalculator.bounds(Curvature.ofTrace(tr), ZoDynamics.gd(1)).hasLower(),
                "without PSD nothing is proven stable");
        assertEquals(2 / tr, gdOnlyTrace.upper(), 1e-15);
        double beta = 0.9;
        StabilityBounds gdm = StabilityCalculator.bounds(c, ZoDynamics.gdm(beta, 1));
        assertEquals(2 * (1 - beta) / (tr + 2 * lmax / (1 + beta)), gdm.lower(), 1e-15);
        assertEquals(2 * (1 - beta) / tr,
                StabilityCalculator.bounds(Curvature.ofTrace(tr), ZoDynamics.gdm(beta, 1)).upper(), 1e-15);
        StabilityBounds adam = StabilityCalculator.bounds(c, ZoDynamics.adam(beta, 1));
        assertEquals(2 / (tr + 2 * lmax / (1 + beta)), adam.lower(), 1e-14);
        assertEquals(2 / tr, StabilityCalculator.bounds(Curvature.ofTrace(tr), ZoDynamics.adam(beta, 1)).upper(), 1e-14);
        // n directions: 2n/(Tr + (n+1)λmax) ≤ η* ≤ 2n/Tr for GD
        assertEquals(8 / (tr + 5 * lmax), StabilityCalculator.bounds(c, ZoDynamics.gd(4)).lower(), 1e-15);
    }

    @Test
    void secondOrderEstimateIsAnUpperBoundAccurateToSecondOrderInEtaLambdaMax() {
        SplittableRandom rng = new SplittableRandom(4);
        int informative = 0;
        for (int trial = 0; trial < 200; trial++) {
            Spectrum s = new Spectrum(RandomQuadratics.spectrum(rng, 1 + rng.nextInt(500), false));
            ZoDynamics dyn = randomDynamics(rng);
            double eta = StabilityCalculator.criticalStep(s, dyn);
            Curvature c = Curvature.of(s);
            double etaS = StabilityCalculator.bounds(c, dyn).secondOrder();
            double q = dyn.curvatureCap() * dyn.effectiveStep(eta) * s.lambdaMax();
            double r = q * q / (1 - q); // G − S at η* is at most r
            assertTrue(etaS >= eta * (1 - 1e-12), "eta_S below eta* for " + s);
            if (r < 1) { // the error bound r/(1 − r) says something
                informative++;
                assertTrue(etaS / eta - 1 <= r / (1 - r) + 1e-12, "error " + (etaS / eta - 1) + " > " + r / (1 - r));
            }
            assertEquals(1, StabilityCalculator.secondOrder(c, dyn, etaS), 1e-12);
            assertTrue(StabilityCalculator.secondOrder(c, dyn, eta) <= 1 + 1e-12); // S ≤ G
        }
        assertTrue(informative > 50, "only " + informative + " spectra with r < 1");
        // many comparable eigenvalues: (ηλmax)² is tiny and so is the error
        double[] flat = new double[1000];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = 1 + (double) i / flat.length;
        }
        Spectrum s = new Spectrum(flat);
        double eta = StabilityCalculator.criticalStep(s, ZoDynamics.gd(1));
        double etaS = StabilityCalculator.bounds(Curvature.of(s), ZoDynamics.gd(1)).secondOrder();
        assertEquals(2 / (s.trace() + 2 * 2.0), eta, 0.01 * eta); // sanity: near the lower bound
        assertTrue(etaS / eta - 1 < 1e-5, "flat spectrum error " + (etaS / eta - 1));
    }

    @Test
    void verdictsFromSpectrumAndFromSummary() {
        Spectrum s = new Spectrum(new double[] {1.0, 0.6, 0.3, 0.1});
        double eta = StabilityCalculator.criticalStep(s, ZoDynamics.gd(1));
        assertEquals(Verdict.STABLE, StabilityCalculator.assess(eta * 0.999, ZoDynamics.gd(1), s).verdict());
        assertEquals(Verdict.UNSTABLE, StabilityCalculator.assess(eta * 1.001, ZoDynamics.gd(1), s).verdict());
        StabilityReport r = StabilityCalculator.assess(eta * 0.5, ZoDynamics.gd(1), s);
        assertTrue(r.exact());
        assertEquals(0.5, r.ratio(), 1e-12);
        Curvature onlyTrace = Curvature.ofTrace(2.0).withLambdaMin(0);
        assertEquals(Verdict.STABLE, StabilityCalculator.assess(0.33, ZoDynamics.gd(1), onlyTrace).verdict());
        assertEquals(Verdict.UNDETERMINED, StabilityCalculator.assess(0.33, ZoDynamics.gd(1), Curvature.ofTrace(2.0)).verdict(),
                "the same trace without knowing H is PSD");
        assertEquals(Verdict.UNDETERMINED, StabilityCalculator.assess(0.34, ZoDynamics.gd(1), onlyTrace).verdict());
        assertEquals(Verdict.UNSTABLE, StabilityCalculator.assess(1.0, ZoDynamics.gd(1), onlyTrace).verdict());
        StabilityReport summary = StabilityCalculator.assess(0.9, ZoDynamics.gd(1), onlyTrace);
        assertFalse(summary.exact());
        assertTrue(Double.isNaN(summary.secondOrder()));
        // a trace error widens the undetermined band on both sides
        Curvature noisy = new Curvature(2.0, 0.1, Double.NaN, Double.NaN).withLambdaMin(0);
        assertEquals(Verdict.UNDETERMINED, StabilityCalculator.assess(0.32, ZoDynamics.gd(1), noisy).verdict());
        assertEquals(Verdict.UNDETERMINED, StabilityCalculator.assess(1.0, ZoDynamics.gd(1), noisy).verdict());
        assertEquals(Verdict.UNSTABLE, StabilityCalculator.assess(1.12, ZoDynamics.gd(1), noisy).verdict());
    }

    /**
     * The default model's few-shot Hessian is indefinite (exact reference: λmax ≈ 440 &gt; Tr H ≈ 250, λmin ≈ −144,
     * tr H² ≈ 7.9·10⁵). On such spectra no sufficient bound may be printed, from the spectrum or from any summary
     * of it, and every η is unstable; the necessary bound still holds.
     */
    @Test
    void noSufficientBoundOnAKnownIndefiniteSpectrum() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int d = 2 + rng.nextInt(300);
            double[] lambda = RandomQuadratics.spectrum(rng, d, false);
            lambda[rng.nextInt(d)] = -rng.nextDouble() * 2 * java.util.Arrays.stream(lambda).max().orElseThrow();
            Spectrum s = new Spectrum(lambda);
            if (!(s.trace() > 0)) {
                continue;
            }
            ZoDynamics dyn = randomDynamics(rng);
            assertEquals(0, StabilityCalculator.criticalStep(s, dyn));
            double eta = 1e-9 + rng.nextDouble() * 1e-3;
            StabilityReport exact = StabilityCalculator.assess(eta, dyn, s);
            assertEquals(Verdict.UNSTABLE, exact.verdict(), s.toString());
            assertFalse(exact.bounds().hasLower());
            for (Curvature c : new Curvature[] {Curvature.of(s), Curvature.ofTrace(s.trace()),
                    new Curvature(s.trace(), 0.1 * s.trace(), Double.NaN, s.traceSquared()),
                    new Curvature(s.trace(), Double.NaN, s.lambdaMax(), s.traceSquared(), true)}) {
                StabilityBounds b = StabilityCalculator.bounds(c, dyn);
                assertFalse(b.hasLower(), c.toString());
                assertFalse(StabilityCalculator.assess(eta, dyn, c).verdict() == Verdict.STABLE, c.toString());
            }
        }
        // the issue's case: Tr 221.1 ± 62.1, tr H² 7.705e5, λmax 439.98 above the trace is accepted
        Curvature issue = new Curvature(221.1, 62.1, 439.98, 7.705e5, false);
        StabilityReport r = StabilityCalculator.assess(1.9e-3, ZoDynamics.gd(1), issue);
        assertFalse(r.bounds().hasLower());
        assertTrue(r.secondOrder() >= 1 ? r.verdict() == Verdict.UNSTABLE || r.verdict() == Verdict.UNDETERMINED : true);
        assertEquals(Math.sqrt(7.705e5), new Curvature(221.1, 62.1, Double.NaN, 7.705e5).absLambdaMaxUpper(), 1e-9);
    }

    @Test
    void rejectsNonPositiveLearningRates() {
        Spectrum s = new Spectrum(new double[] {1});
        for (double lr : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> StabilityCalculator.assess(lr, ZoDynamics.gd(1), s));
            assertTrue(e.getMessage().startsWith("learning rate must be finite and > 0"), e.getMessage());
        }
    }

    /**
     * Monte Carlo over seeded runs: the ensemble mean of ‖θ_t‖² grows at 1.2 η* and decays at
     * 0.8 η*, and matches the oracle's E‖θ_t‖². (Single runs decay a.s. even above η*; only the
     * ensemble mean is governed by mean-square stability, so d = 20 keeps its tail light.)
     */
    @Test
    void ensembleMeanSquareGrowsAboveAndDecaysBelowTheCriticalStep() {
        double[] lambda = new double[20];
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = 0.2 + 0.8 * i / (lambda.length - 1);
        }
        for (ZoDynamics dyn : new ZoDynamics[] {ZoDynamics.gd(1), ZoDynamics.gdm(0.5, 2)}) {
            double eta = StabilityCalculator.criticalStep(new Spectrum(lambda), dyn);
            double grown = meanSquareRatio(lambda, dyn, 1.2 * eta, 4000, 50, 1);
            double decayed = meanSquareRatio(lambda, dyn, 0.8 * eta, 4000, 50, 2);
            assertTrue(grown > 3, dyn + ": mean ‖θ‖² ratio at 1.2 eta* = " + grown);
            assertTrue(decayed < 0.5, dyn + ": mean ‖θ‖² ratio at 0.8 eta* = " + decayed);
            assertEquals(1, grown / predictedRatio(lambda, dyn, 1.2 * eta, 50), 0.2, dyn + " growth vs oracle");
            assertEquals(1, decayed / predictedRatio(lambda, dyn, 0.8 * eta, 50), 0.2, dyn + " decay vs oracle");
        }
    }

    /** In low dimension a typical run decays at 1.2 η* although the mean square grows ~ρ^t. */
    @Test
    void typicalRunDecaysAboveTheMeanSquareCriticalStep() {
        double[] lambda = {1.0, 0.6, 0.3, 0.1};
        ZoDynamics dyn = ZoDynamics.gd(1);
        double lr = 1.2 * StabilityCalculator.criticalStep(new Spectrum(lambda), dyn);
        double[] runs = squareRatios(lambda, dyn, lr, 2001, 80, 3);
        java.util.Arrays.sort(runs);
        double median = runs[runs.length / 2];
        double oracleMean = predictedRatio(lambda, dyn, lr, 80);
        assertTrue(oracleMean > 1e6, "oracle mean " + oracleMean);
        assertTrue(median < 0.1, "median " + median);
    }

    /** mean over runs of ‖θ_T‖² / ‖θ_0‖², θ_0 = θ_{−1} = 1, H = diag(λ), seeded per run. */
    private static double meanSquareRatio(double[] lambda, ZoDynamics dyn, double lr, int runs, int steps, long seed) {
        return java.util.Arrays.stream(squareRatios(lambda, dyn, lr, runs, steps, seed)).sum() / runs;
    }

    /** ‖θ_T‖² / ‖θ_0‖² of each run. */
    private static double[] squareRatios(double[] lambda, ZoDynamics dyn, double lr, int runs, int steps, long seed) {
        int d = lambda.length;
        double step = dyn.effectiveStep(lr);
        double[] out = new double[runs];
        for (int r = 0; r < runs; r++) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + r);
            double[] theta = filled(d, 1);
            double[] prev = theta.clone();
            double[] g = new double[d];
            double[] z = new double[d];
            for (int t = 0; t < steps; t++) {
                java.util.Arrays.fill(g, 0);
                for (int k = 0; k < dyn.directions(); k++) {
                    double proj = 0;
                    for (int i = 0; i < d; i++) {
                        z[i] = rng.nextGaussian();
                        proj += z[i] * lambda[i] * theta[i];
                    }
                    for (int i = 0; i < d; i++) {
                        g[i] += proj * z[i] / dyn.directions();
                    }
                }
                for (int i = 0; i < d; i++) {
                    double next = theta[i] - step * g[i] + dyn.beta() * (theta[i] - prev[i]);
                    prev[i] = theta[i];
                    theta[i] = next;
                }
            }
            double sq = 0;
            for (double v : theta) {
                sq += v * v;
            }
            out[r] = sq / d;
        }
        return out;
    }

    /** E‖θ_T‖² / ‖θ_0‖² from the oracle M: Tr of the θ block of M^T vec(x_0 x_0ᵀ). */
    private static double predictedRatio(double[] lambda, ZoDynamics dyn, double lr, int steps) {
        int d = lambda.length;
        SecondMomentOperator m = oracle(RandomQuadratics.diagonal(lambda), null, dyn, lr);
        int dim = m.stateDimension();
        double[] x = new double[dim * dim];
        java.util.Arrays.fill(x, 1);
        for (int t = 0; t < steps; t++) {
            x = m.apply(x);
        }
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += x[i * dim + i];
        }
        return tr / d;
    }

    /** ρ(M) &lt; 1 just below η and &gt; 1 just above it (Lyapunov certificate; power iteration at ±2 %). */
    private static void assertCrossing(double[][] h, double[] p, ZoDynamics dyn, double eta, boolean radius) {
        String what = dyn + " d=" + h.length + " eta*=" + eta;
        assertTrue(oracle(h, p, dyn, eta * (1 - CROSSING)).meanSquareStable(), "stable below " + what);
        assertFalse(oracle(h, p, dyn, eta * (1 + CROSSING)).meanSquareStable(), "unstable above " + what);
        if (radius) {
            assertTrue(oracle(h, p, dyn, eta * 0.98).spectralRadius(500, 4000) < 1, "rho < 1 at 0.98 " + what);
            assertTrue(oracle(h, p, dyn, eta * 1.02).spectralRadius(500, 4000) > 1, "rho > 1 at 1.02 " + what);
        }
    }

    private static SecondMomentOperator oracle(double[][] h, double[] p, ZoDynamics dyn, double lr) {
        return new SecondMomentOperator(h, p, dyn.beta(), dyn.directions(), dyn.effectiveStep(lr));
    }

    static ZoDynamics randomDynamics(SplittableRandom rng) {
        int n = 1 + rng.nextInt(8);
        double beta = new double[] {0.1, 0.5, 0.9, 0.99}[rng.nextInt(4)];
        switch (rng.nextInt(3)) {
            case 0:
                return ZoDynamics.gd(n);
            case 1:
                return ZoDynamics.gdm(beta, n);
            default:
                return ZoDynamics.adam(beta, n);
        }
    }

    static double[] filled(int d, double v) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
