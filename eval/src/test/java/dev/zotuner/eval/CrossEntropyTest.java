package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    @Test
    void matchesHandComputation() {
        double[] logits = {1.0, 2.0, 0.5};
        double z = Math.exp(1.0) + Math.exp(2.0) + Math.exp(0.5);
        assertEquals(-Math.log(Math.exp(2.0) / z), CrossEntropy.of(logits, 1), 1e-15);
        assertEquals(-Math.log(Math.exp(0.5) / z), CrossEntropy.of(logits, 2), 1e-15);
    }

    @Test
    void stableForHugeLogits() {
        assertEquals(Math.log(2), CrossEntropy.of(new double[] {1e4, 1e4}, 0), 1e-12);
        assertEquals(1e4, CrossEntropy.of(new double[] {1e4, 0}, 1), 1e-9);
    }

    @Test
    void meanAveragesRows() {
        double[][] logits = {{0, 0}, {3, 0}};
        double expected = (Math.log(2) + Math.log(1 + Math.exp(-3))) / 2;
        assertEquals(expected, CrossEntropy.mean(logits, new int[] {0, 0}), 1e-15);
    }

    @Test
    void argmaxTakesFirstOnTies() {
        assertEquals(1, CrossEntropy.argmax(new double[] {0, 2, 2}));
    }

    @Test
    void rejectsBadLabel() {
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.of(new double[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.mean(new double[1][2], new int[2]));
    }
}
