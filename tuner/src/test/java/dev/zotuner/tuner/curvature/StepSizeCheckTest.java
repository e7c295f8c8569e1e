package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.objective.FlatMinimaExample;
import dev.zotuner.tuner.objective.Quadratic;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import org.junit.jupiter.api.Test;

class StepSizeCheckTest {

    private static final int[] ONE = {0};

    @Test
    void passesOnAQuadraticEvenWithALargeStep() {
        double[] l = new double[30];
        for (int i = 0; i < 30; i++) {
            l[i] = 2.0 / (i + 1);
        }
        Quadratic q = Problems.dense(Problems.rotated(l, 3), 4);
        try (PerturbationEngine e = new PerturbationEngine(2, NoiseKind.GAUSSIAN)) {
            for (double h : new double[] {1e-3, 0.5}) {
                StepCheck c = new StepSizeCheck(e).check(q, ONE, null, HutchinsonOptions.defaults().withH(h).withProbes(40),
                        StepSizeCheck.FLOAT64);
                assertTrue(c.consistent(), c.toString());
                assertTrue(c.warnings().isEmpty(), c.warnings().toString());
                assertEquals(c.atH().trace(), c.atDoubleH().trace(), 1e-5 * c.atH().trace()); // exact up to rounding
                assertEquals(40, c.atH().probes());
                assertEquals(2 * c.h(), c.atDoubleH().h());
            }
        }
    }

    @Test
    void flagsTheQuarticFlatMinimaExampleAtALargeStepAndRichardsonRemovesTheBias() {
        FlatMinimaExample f = FlatMinimaExample.random(10, 5);
        float[] before = f.parameters().snapshot();
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            HutchinsonOptions o = HutchinsonOptions.defaults().withSeed(2).withProbes(30);
            StepCheck large = new StepSizeCheck(e).check(f, ONE, null, o.withH(0.3), StepSizeCheck.FLOAT64);
            assertFalse(large.consistent(), large.toString());
            assertTrue(large.differenceHigh() < 0, "q(h) < q(2h): the bias h²(aᵀb)² grows with h");
            assertTrue(large.warnings().get(0).startsWith("h = 0.300 and 2h disagree: trace "), large.warnings().get(0));
            assertTrue(large.warnings().get(0).contains(String.format(java.util.Locale.ROOT, "the bias at h, %.3g,",
                    large.truncationBias())), large.warnings().get(0));
            assertEquals(large.atH().trace() - large.extrapolated(), large.truncationBias(), 1e-12);
            // q(h) = vᵀHv + h²(aᵀb)² exactly for this quartic, so Richardson is exact: compare with h → 0
            TraceEstimate small = new HutchinsonTrace(e).estimate(f, ONE, o.withH(1e-3));
            assertEquals(small.trace(), large.extrapolated(), 1e-4 * small.trace());
            assertTrue(Math.abs(large.atH().trace() - small.trace()) > 10 * 1e-4 * small.trace());
            StepCheck fine = new StepSizeCheck(e).check(f, ONE, null, o.withH(1e-3), StepSizeCheck.FLOAT64);
            assertTrue(fine.consistent(), fine.toString());
            // the bias at h = 0.3 is small next to the sampling error: a loose tolerance accepts it
            assertTrue(new StepSizeCheck(e, 0.5).check(f, ONE, null, o.withH(0.3), StepSizeCheck.FLOAT64).consistent());
        }
        assertArrayEquals(before, f.parameters().snapshot());
    }

    @Test
    void warnsWhenFloat32LossRoundingSwampsTheSecondDifference() {
        Quadratic q = Problems.diagonal(new double[] {1e-3, 1e-3, 1e-3, 1e-3}, 6);
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.RADEMACHER)) {
            StepCheck c = new StepSizeCheck(e).check(q, ONE, null, HutchinsonOptions.defaults().withH(1e-4).withProbes(4),
                    StepSizeCheck.FLOAT32);
            double bound = 4 * 0x1p-24 * q.loss(ONE) / (c.h() * c.h());
            assertEquals(bound, c.roundingBound(), 1e-12 * bound);
            assertTrue(c.warnings().stream().anyMatch(w -> w.contains("may be too small: loss rounding")), c.warnings().toString());
            assertEquals("loss precision must be in [0, 1), got -1.0", assertThrows(IllegalArgumentException.class,
                    () -> new StepSizeCheck(e).check(q, ONE, null, HutchinsonOptions.defaults(), -1)).getMessage());
        }
    }

    @Test
    void progressFollowsTheEstimateAtH() {
        Quadratic q = Problems.diagonal(new double[] {1, 2, 3, 4, 5}, 8);
        int[] calls = {0};
        double[] last = new double[2];
        try (PerturbationEngine e = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            StepCheck c = new StepSizeCheck(e).check(q, ONE, null, HutchinsonOptions.defaults().withProbes(6),
                    StepSizeCheck.FLOAT64, (probes, max, mean, se) -> {
                        calls[0]++;
                        assertEquals(calls[0], probes);
                        assertEquals(6, max);
                        last[0] = mean;
                        last[1] = se;
                    });
            assertEquals(6, calls[0]);
            assertEquals(c.atH().trace(), last[0], 0);
            assertEquals(c.atH().traceSe(), last[1], 0);
        }
    }
}
