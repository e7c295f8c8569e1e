package dev.zotuner.tuner.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RootFinderTest {

    @Test
    void brentConvergesToRelativeTolerance() {
        double root = RootFinder.firstRoot(x -> x - Math.cos(x), 0, 1, 1);
        assertEquals(0.7390851332151607, root, 1e-12 * root);
        double tiny = RootFinder.firstRoot(x -> x * 1e12 - 3, 0, 1, 4);
        assertEquals(3e-12, tiny, 1e-12 * 3e-12);
    }

    @Test
    void handlesAPoleAtTheRightEnd() {
        // 1/(1 − x) − 1 − 1e6 = 0 at x = 1 − 1/(1e6 + 1), right next to the pole at 1
        double root = RootFinder.firstRoot(x -> x >= 1 ? Double.POSITIVE_INFINITY : 1 / (1 - x) - 1 - 1e6, 0, 1, 8);
        assertEquals(1 - 1 / (1e6 + 1), root, 1e-13);
    }

    @Test
    void findsTheFirstOfSeveralRoots() {
        // −cos(x) has roots at π/2, 3π/2, 5π/2 … ; a fine scan returns the first
        double root = RootFinder.firstRoot(x -> -Math.cos(x), 0, 10, 64);
        assertEquals(Math.PI / 2, root, 1e-12 * Math.PI / 2);
    }

    @Test
    void rejectsAMissingBracket() {
        assertEquals("no bracket: g(0.0) = 1.0 is not < 0",
                assertThrows(IllegalArgumentException.class, () -> RootFinder.firstRoot(x -> 1 + x, 0, 1, 4)).getMessage());
    }
}
