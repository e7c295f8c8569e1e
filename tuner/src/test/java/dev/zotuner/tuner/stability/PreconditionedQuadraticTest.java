package dev.zotuner.tuner.stability;

import dev.zotuner.tuner.linalg.RootFinder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreconditionedQuadraticTest {

    @Test
    void weightsHaveUnitRowSumsAndDominantDiagonal() {
        SplittableRandom rng = new SplittableRandom(2);
        int d = 9;
        double[][] h = RandomQuadratics.rotated(rng, RandomQuadratics.spectrum(rng, d, false));
        double[][] w = PreconditionedQuadratic.of(h, RandomQuadratics.preconditioner(rng, d)).weights();
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += w[i][j];
                assertEquals(w[i][j], w[j][i], 1e-12);
            }
            assertEquals(1, row, 1e-10);
            assertTrue(w[i][i] >= 1 - 1e-10, "Fiedler: W_ii >= 1, got " + w[i][i]);
        }
    }

    @Test
    void commutingPreconditionerReducesToTheSpectrumFormula() {
        SplittableRandom rng = new SplittableRandom(6);
        double[] lambda = RandomQuadratics.spectrum(rng, 12, true);
        double[][] rotated = RandomQuadratics.rotated(rng, lambda);
        for (ZoDynamics dyn : new ZoDynamics[] {ZoDynamics.gd(2), ZoDynamics.gdm(0.9, 1), ZoDynamics.adam(0.9, 3)}) {
            // P = c I commutes with every H
            double c = 2.5;
            double[] scalar = StabilityCalculatorTest.filled(12, c);
            double want = StabilityCalculator.criticalStep(new Spectrum(lambda).preconditioned(scalar), dyn);
            assertEquals(want, StabilityCalculator.criticalStep(rotated, scalar, dyn), 1e-10 * want, dyn.toString());
            // diagonal H with diagonal P
            double[] p = RandomQuadratics.preconditioner(rng, 12);
            double diag = StabilityCalculator.criticalStep(new Spectrum(lambda).preconditioned(p), dyn);
            assertEquals(diag, StabilityCalculator.criticalStep(RandomQuadratics.diagonal(lambda), p, dyn),
                    1e-10 * diag, dyn.toString());
        }
    }

    /**
     * For P not commuting with H the frozen-Adam lower bound 2/(Tr Ĥ + 2λmax(Ĥ)/(1 + β1)) fails in
     * many cases, while the theory doc's §5 results hold: η* never exceeds the commuting formula on
     * Ĥ's spectrum (Schur's inequality), hence η* ≤ 2/Tr Ĥ, and the κ(P) = pmax/pmin bracket holds.
     */
    @Test
    void nonCommutingPreconditionerBreaksThePapersLowerBoundButNotTheProvedBounds() {
        SplittableRandom rng = new SplittableRandom(31);
        int belowPaper = 0;
        for (int trial = 0; trial < 60; trial++) {
            int d = 2 + rng.nextInt(5);
            double beta1 = new double[] {0.0, 0.5, 0.9}[rng.nextInt(3)];
            ZoDynamics dyn = ZoDynamics.adam(beta1, 1);
            double[] p = RandomQuadratics.preconditioner(rng, d);
            double[][] h = RandomQuadratics.rotated(rng, RandomQuadratics.spectrum(rng, d, false));
            PreconditionedQuadratic q = PreconditionedQuadratic.of(h, p);
            double eta = q.criticalStep(dyn);
            Spectrum hat = q.spectrum();
            double paperLower = 2 / (hat.trace() + 2 * hat.lambdaMax() / (1 + beta1));
            double commuting = StabilityCalculator.criticalStep(hat, dyn);
            belowPaper += eta < paperLower * (1 - 1e-9) ? 1 : 0;
            assertTrue(eta <= commuting * (1 + 1e-9), "above the commuting formula, trial " + trial);
            assertTrue(eta <= 2 / hat.trace() * (1 + 1e-12), "upper bound 2/Tr failed, trial " + trial);
            double kappa = max(p) / min(p);
            double[] lh = hat.eigenvalues();
            double cap = dyn.learningRate(1 / (dyn.curvatureCap() * hat.lambdaMax()));
            double lo = RootFinder.firstRoot(lr -> kappa * feedback(lh, dyn, lr) - 1, 0, cap, 16);
            double hi = RootFinder.firstRoot(lr -> feedback(lh, dyn, lr) / kappa - 1, 0, cap, 16);
            assertTrue(lo <= eta * (1 + 1e-9) && eta <= hi * (1 + 1e-9),
                    "kappa bracket [" + lo + ", " + hi + "] misses " + eta);
        }
        assertTrue(belowPaper > 10, "paper's lower bound violated in " + belowPaper + " of 60");
    }

    @Test
    void rejectsBadInput() {
        double[][] h = {{1, 0}, {0, 1}};
        assertEquals("preconditioner entry #2 is -1.0; it must be finite and > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> PreconditionedQuadratic.of(h, new double[] {1, -1})).getMessage());
        assertEquals("Hessian is 2x2 but the preconditioner has 3 entries",
                assertThrows(IllegalArgumentException.class,
                        () -> PreconditionedQuadratic.of(h, new double[] {1, 1, 1})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PreconditionedQuadratic.of(new double[][] {{1, 2}, {2, 1}}, new double[] {1, 1}))
                .getMessage().startsWith("H is not positive semi-definite"));
    }

    private static double feedback(double[] lambda, ZoDynamics dyn, double lr) {
        return StabilityCalculator.feedback(new Spectrum(lambda), dyn, lr);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }
}
