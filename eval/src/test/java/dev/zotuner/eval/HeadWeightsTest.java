package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadWeightsTest {

    @Test
    void isAValueArraysAreCopiedInAndOut() {
        double[][] w = {{1, 2}, {3, 4}};
        double[] b = {0.5, -0.5};
        HeadWeights h = new HeadWeights(w, b);
        w[0][0] = 9;
        b[0] = 9;
        assertEquals(1, h.prototype(0, 0));
        assertEquals(0.5, h.bias(0));
        h.prototypes()[1][1] = 9;
        h.bias()[1] = 9;
        assertEquals(4, h.prototype(1, 1));
        assertEquals(-0.5, h.bias(1));
        assertEquals(new HeadWeights(new double[][] {{1, 2}, {3, 4}}, new double[] {0.5, -0.5}), h);
        assertEquals(h.hashCode(), new HeadWeights(h.prototypes(), h.bias()).hashCode());
        assertNotEquals(HeadWeights.zeros(2, 2), h);
        assertEquals(2, h.classes());
        assertEquals(2, h.dim());
    }

    @Test
    void shapesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new HeadWeights(new double[][] {{1}, {2, 3}}, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new HeadWeights(new double[2][2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new HeadWeights(new double[0][0], new double[0]));
        assertTrue(HeadWeights.zeros(2, 3).sameShape(HeadWeights.zeros(2, 3)));
        assertFalse(HeadWeights.zeros(2, 3).sameShape(HeadWeights.zeros(2, 4)));
    }
}
