package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZoDynamicsTest {

    @Test
    void coefficientsOfPlainZoSgd() {
        ZoDynamics gd = ZoDynamics.gd(1);
        assertEquals(0.5, gd.firstOrder());
        assertEquals(1.0, gd.curvatureCap());
        // f(x) = x / (2(1 − x)): the MeZO-style condition Σ ηλ/(2(1 − ηλ)) < 1
        assertEquals(0.3 / (2 * 0.7), gd.directionTerm(0.3), 1e-16);
        assertEquals(Double.POSITIVE_INFINITY, gd.directionTerm(1.0));
        assertEquals(Double.POSITIVE_INFINITY, gd.directionTerm(1.5));
        ZoDynamics many = ZoDynamics.gd(4); // f(x) = x / (2n − (n+1)x)
        assertEquals(0.3 / (8 - 5 * 0.3), many.directionTerm(0.3), 1e-16);
    }

    @Test
    void adamStepIsScaledByOneMinusBeta1() {
        ZoDynamics adam = ZoDynamics.adam(0.9, 1);
        assertEquals(1e-4, adam.effectiveStep(1e-3), 1e-18);
        assertEquals(1e-3, adam.learningRate(1e-4), 1e-18);
        assertEquals(1e-3, ZoDynamics.gdm(0.9, 1).effectiveStep(1e-3));
    }

    @Test
    void pairTermOnTheDiagonalIsTheDirectionTerm() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 1000; t++) {
            ZoDynamics dyn = StabilityCalculatorTest.randomDynamics(rng);
            double x = rng.nextDouble() / dyn.curvatureCap();
            assertEquals(dyn.directionTerm(x), dyn.pairTerm(x, x), 1e-12 * dyn.directionTerm(x), dyn + " x=" + x);
        }
    }

    @Test
    void pairTermIsAccurateForTinySteps() {
        // leading order: x y / (n (1 − β)(x + y)); corrections are O(x/(1 − β)²) ≤ 1e-8 here, while
        // the textbook form 1 − β² − γᵢγⱼ − … loses ~1e-16/x = 1e-4 to cancellation
        for (ZoDynamics dyn : new ZoDynamics[] {ZoDynamics.gd(1), ZoDynamics.gdm(0.9, 3), ZoDynamics.adam(0.99, 2)}) {
            double x = 1e-12;
            double y = 3e-12;
            double lead = x * y / (dyn.directions() * (1 - dyn.beta()) * (x + y));
            assertEquals(1, dyn.pairTerm(x, y) / lead, 1e-7, dyn.toString());
        }
        assertEquals(0, ZoDynamics.gd(1).pairTerm(0, 0.5));
    }

    @Test
    void rejectsBadHyperParameters() {
        assertEquals("momentum/beta1 must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> ZoDynamics.gdm(1.0, 1)).getMessage());
        assertEquals("momentum/beta1 must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> ZoDynamics.adam(-0.1, 1)).getMessage());
        assertEquals("directions must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ZoDynamics.gd(0)).getMessage());
        assertEquals("gd has no momentum, got 0.5 (use gdm)",
                assertThrows(IllegalArgumentException.class, () -> new ZoDynamics(ZoUpdate.GD, 0.5, 1)).getMessage());
    }
}
