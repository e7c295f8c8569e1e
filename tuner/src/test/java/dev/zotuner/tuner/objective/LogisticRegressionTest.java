package dev.zotuner.tuner.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    private static final double[][] X = {{1, 2, 1}, {-1, 0.5, 1}, {0.5, -1.5, 1}, {2, 1, 1}, {-2, -1, 1}};
    private static final int[] Y = {1, 0, 0, 1, 0};
    private static final int[] ALL = {0, 1, 2, 3, 4};

    private static LogisticRegression model(float... w) {
        ParameterStore s = ParameterStore.builder().add("w", new long[] {3}, "w", true, w).build();
        return new LogisticRegression(s, X, Y, 0.1);
    }

    @Test
    void lossMatchesItsDefinition() {
        LogisticRegression m = model(0.5f, -0.25f, 0.125f);
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            double margin = (2 * Y[i] - 1) * (0.5 * X[i][0] - 0.25 * X[i][1] + 0.125 * X[i][2]);
            expected += Math.log(1 + Math.exp(-margin)) / 5;
        }
        expected += 0.05 * (0.25 + 0.0625 + 0.015625);
        assertEquals(expected, m.loss(), 1e-12);
    }

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        LogisticRegression m = model(0.5f, -0.25f, 0.125f);
        ParameterStore w = m.parameters();
        double[] g = m.gradient(ALL);
        double[][] h = m.hessian(ALL);
        float step = 1f / 64;
        for (int i = 0; i < 3; i++) {
            float x = w.get(i);
            w.set(i, x + step);
            double lp = m.loss(ALL);
            double[] gp = m.gradient(ALL);
            w.set(i, x - step);
            double lm = m.loss(ALL);
            double[] gm = m.gradient(ALL);
            w.set(i, x);
            assertEquals((lp - lm) / (2 * step), g[i], 1e-4);
            for (int j = 0; j < 3; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * step), h[j][i], 1e-4);
            }
        }
        assertEquals(h[0][0] + h[1][1] + h[2][2], m.hessianTrace(ALL), 1e-12);
    }

    @Test
    void softplusAndSigmoidAreStableForLargeMargins() {
        assertEquals(800, LogisticRegression.softplus(800), 1e-9);
        assertEquals(0, LogisticRegression.softplus(-800), 1e-300);
        assertEquals(1, LogisticRegression.sigmoid(800), 0);
        assertEquals(0, LogisticRegression.sigmoid(-800), 1e-300);
    }

    @Test
    void misclassificationIsOneMinusAccuracy() {
        LogisticRegression m = model(1f, 0f, 0f);    // predicts 1 iff x0 > 0
        assertEquals(0.8, m.accuracy(ALL), 1e-12);   // row 2 (x0 = 0.5, label 0) is wrong
        assertEquals(0.2, m.misclassification().loss(), 1e-12);
        assertEquals(5, m.misclassification().size());
        assertTrue(m.misclassification().parameters() == m.parameters());
    }

    @Test
    void rejectsBadData() {
        ParameterStore s = ParameterStore.builder().add("w", new long[] {3}, "w", true, null).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegression(s, X, new int[] {1, 0, 2, 1, 0}, 0));
        assertEquals("logistic regression: label 2 of row 2 is not 0 or 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression(s, new double[][] {{1, 2}}, new int[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression(s, X, Y, -1));
    }
}
