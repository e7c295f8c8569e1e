package dev.zotuner.tuner.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import org.junit.jupiter.api.Test;

class QuadraticTest {

    private static ParameterStore store(float... theta) {
        return ParameterStore.builder().add("w", new long[] {theta.length}, "w", true, theta).build();
    }

    private static final double[][] H = {{2, 0.5, 0}, {0.5, 1, -0.25}, {0, -0.25, 3}};
    private static final double[] OPT = {1, -1, 0.5};

    @Test
    void lossAndGradientMatchTheirDefinitions() {
        Quadratic q = Quadratic.dense(store(0.5f, 2f, -1f), H, OPT);
        double[] delta = {-0.5, 3, -1.5};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                expected += 0.5 * delta[i] * H[i][j] * delta[j];
            }
        }
        assertEquals(expected, q.loss(), 1e-12);
        double[] g = q.gradient();
        for (int i = 0; i < 3; i++) {
            assertEquals(H[i][0] * delta[0] + H[i][1] * delta[1] + H[i][2] * delta[2], g[i], 1e-12);
        }
        assertEquals(6, q.hessianTrace(new int[] {0}), 0);
        assertArrayEquals(H[1], q.hessian()[1]);
    }

    @Test
    void gradientIsTheCentralDifferenceOfTheLoss() {
        ParameterStore s = store(0.5f, 2f, -1f);
        Quadratic q = Quadratic.dense(s, H, OPT).withNoise(5, 0.3, 1);
        int[] batch = {1, 3};
        double[] g = q.gradient(batch);
        for (int i = 0; i < 3; i++) {
            float x = s.get(i);
            s.set(i, x + 0.5f);
            double plus = q.loss(batch);
            s.set(i, x - 0.5f);
            double minus = q.loss(batch);
            s.set(i, x);
            assertEquals((plus - minus) / 1.0, g[i], 1e-12, "exact for a quadratic");
        }
    }

    @Test
    void exampleNoiseCancelsInTheFullBatchButNotInMiniBatches() {
        Quadratic clean = Quadratic.diagonal(store(0.5f, 2f, -1f), new double[] {1, 2, 3}, OPT);
        Quadratic noisy = clean.withNoise(8, 1.0, 42);
        assertEquals(8, noisy.size());
        assertEquals(clean.loss(), noisy.loss(), 1e-12);
        assertArrayEquals(clean.gradient(), noisy.gradient(), 1e-12);
        assertNotEquals(clean.loss(), noisy.loss(new int[] {0, 1}), 1e-3);
        double[] avg = new double[3];
        for (int e = 0; e < 8; e++) {
            double[] g = noisy.gradient(new int[] {e});
            for (int i = 0; i < 3; i++) {
                avg[i] += g[i] / 8;
            }
        }
        assertArrayEquals(clean.gradient(), avg, 1e-12);
    }

    @Test
    void diagonalAndDenseAgree() {
        double[][] dense = {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}};
        Quadratic a = Quadratic.diagonal(store(3f, 1f, 2f), new double[] {1, 2, 3}, OPT);
        Quadratic b = Quadratic.dense(store(3f, 1f, 2f), dense, OPT);
        assertEquals(b.loss(), a.loss(), 0);
        assertArrayEquals(b.gradient(), a.gradient());
        assertArrayEquals(b.hessian()[2], a.hessian()[2]);
        assertEquals(6, a.hessianTrace(new int[] {0}), 0);
        assertArrayEquals(OPT, a.optimum());
    }

    @Test
    void rejectsBadShapesAndIndices() {
        assertThrows(IllegalArgumentException.class, () -> Quadratic.diagonal(store(1f, 2f), new double[] {1}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> Quadratic.dense(store(1f, 2f), new double[][] {{1, 2}, {3, 1}}, new double[] {0, 0}));
        Quadratic q = Quadratic.diagonal(store(1f), new double[] {1}, new double[] {0}).withNoise(2, 1, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.loss(new int[] {2}));
        assertEquals("quadratic: example 2 out of range 0..1", e.getMessage());
    }
}
