package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    /** Three Gaussian blobs in 4-d; a linear model separates them almost perfectly. */
    private static float[][] blobs(int perClass, int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[3 * perClass][4];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            labels[i] = c;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) ((j == c ? 3.0 : 0.0) + 0.5 * nextGaussian(r));
            }
        }
        return x;
    }

    private static double nextGaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void separatesBlobsAndIsDeterministic() {
        int[] ytr = new int[48];
        int[] yte = new int[300];
        float[][] xtr = blobs(16, ytr, 1);
        float[][] xte = blobs(100, yte, 2);
        LinearProbe p = LinearProbe.trainSelectingC(xtr, ytr, xtr, ytr, 3);
        double acc = ClassificationScores.of(p.logits(xte, 3), yte, 3).accuracy();
        assertTrue(acc > 0.95, "accuracy " + acc);
        LinearProbe again = LinearProbe.train(xtr, ytr, p.c());
        assertArrayEquals(p.logits(xte, 3)[7], again.logits(xte, 3)[7]);
    }

    @Test
    void strongRegularisationGivesNearUniformProbabilities() {
        int[] y = new int[48];
        float[][] x = blobs(16, y, 3);
        double[] logits = LinearProbe.train(x, y, 1e-6).logits(x, 3)[0];
        double p0 = Math.exp(logits[0]);
        double p1 = Math.exp(logits[1]);
        assertEquals(p0, p1, 0.05);
    }
}
