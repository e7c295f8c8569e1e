package dev.zotuner.tuner.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlatMinimaExampleTest {

    private static final int[] ONE = {0};

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        FlatMinimaExample f = FlatMinimaExample.random(4, 3);
        ParameterStore t = f.parameters();
        double[] g = f.gradient(ONE);
        double[][] h = f.hessian(ONE);
        float step = 1f / 256;
        for (int i = 0; i < 8; i++) {
            float v = t.get(i);
            t.set(i, v + step);
            double lp = f.loss(ONE);
            double[] gp = f.gradient(ONE);
            t.set(i, v - step);
            double lm = f.loss(ONE);
            double[] gm = f.gradient(ONE);
            t.set(i, v);
            assertEquals((lp - lm) / (2 * step), g[i], 1e-3 * (1 + Math.abs(g[i])));
            for (int j = 0; j < 8; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * step), h[j][i], 1e-6 * (1 + Math.abs(h[j][i])), "H[" + j + "][" + i + "]");
            }
        }
    }

    @Test
    void traceIsTheSquaredNormEverywhere() {
        FlatMinimaExample f = FlatMinimaExample.random(5, 9);
        double[][] h = f.hessian(ONE);
        double diag = 0;
        for (int i = 0; i < 10; i++) {
            diag += h[i][i];
        }
        assertEquals(diag, f.hessianTrace(ONE), 1e-9);
        double norm = 0;
        for (double v : f.point()) {
            norm += v * v;
        }
        assertEquals(norm, f.hessianTrace(ONE), 1e-9);
    }

    @Test
    void flattestMinimiserHasTraceTwoAndSharperOnesMore() {
        FlatMinimaExample flat = example(new float[] {1, 0, 0}, new float[] {1, 0, 0});
        assertEquals(0, flat.loss(), 0);
        assertEquals(FlatMinimaExample.flattestTrace(), flat.hessianTrace(ONE), 0);
        FlatMinimaExample sharp = example(new float[] {4, 0, 0}, new float[] {0.25f, 0, 0});
        assertEquals(0, sharp.loss(), 0);
        assertEquals(16.0625, sharp.hessianTrace(ONE), 1e-12);
    }

    @Test
    void smoothedLossIsTheGaussianAverageOfTheLoss() {
        FlatMinimaExample f = FlatMinimaExample.random(3, 4);
        double[] theta = f.point();
        double lambda = 0.3;
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < n; s++) {
            double dot = 0;
            double[] p = new double[6];
            for (int i = 0; i < 6; i++) {
                p[i] = theta[i] + lambda * rnd.nextGaussian();
            }
            for (int i = 0; i < 3; i++) {
                dot += p[i] * p[3 + i];
            }
            double l = 0.5 * (dot - 1) * (dot - 1);
            sum += l;
            sumSq += l * l;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertEquals(mean, f.smoothedLoss(lambda), 4 * se);
        assertEquals(f.loss(), f.smoothedLoss(0), 1e-12);
    }

    @Test
    void rejectsOtherLayouts() {
        ParameterStore s = ParameterStore.builder().add("x", new long[] {2}, "x", false, null)
                .add("y", new long[] {3}, "y", false, null).build();
        assertThrows(IllegalArgumentException.class, () -> new FlatMinimaExample(s));
    }

    private static FlatMinimaExample example(float[] x, float[] y) {
        return new FlatMinimaExample(ParameterStore.builder().add("x", new long[] {x.length}, "x", false, x)
                .add("y", new long[] {y.length}, "y", false, y).build());
    }
}
