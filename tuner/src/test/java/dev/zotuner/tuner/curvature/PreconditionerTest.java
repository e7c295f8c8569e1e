package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class PreconditionerTest {

    @Test
    void adamIsSqrtOfBiasCorrectedSecondMomentPlusEpsilon() {
        FloatBuffer v = FloatBuffer.wrap(new float[] {0.04f, 0.25f});
        Preconditioner p = Preconditioner.adam(v, 0.999, 10, 1e-8);
        double c = 1 - Math.pow(0.999, 10);
        assertEquals(Math.sqrt(0.04f / c) + 1e-8, p.diagonalAt(0), 1e-15);
        assertEquals(1 / Math.sqrt(Math.sqrt(0.25f / c) + 1e-8), p.inverseSqrtAt(1), 1e-15);
        v.put(0, 1f); // read live, not copied
        assertEquals(Math.sqrt(1 / c) + 1e-8, p.diagonalAt(0), 1e-15);
        Preconditioner d = Preconditioner.diagonal(new float[] {4, 9});
        assertEquals(0.5, d.inverseSqrtAt(0));
        assertEquals(9, d.diagonalAt(1));
    }

    @Test
    void validationNamesTheElement() {
        ParameterStore s = Problems.store(new float[] {1, 2, 3, 4});
        Preconditioner.diagonal(new float[] {1, 1, 1, 1}).validate(s, s.parameters());
        assertEquals("preconditioner: b[1] = 0.0 (P must be finite and > 0)", assertThrows(IllegalArgumentException.class,
                () -> Preconditioner.diagonal(new float[] {1, 1, 1, 0}).validate(s, s.parameters())).getMessage());
        assertEquals("preconditioner has 3 values, the parameter store has 4", assertThrows(IllegalArgumentException.class,
                () -> Preconditioner.diagonal(new float[3]).validate(s, s.parameters())).getMessage());
        // only the selected tensors are checked
        Preconditioner.diagonal(new float[] {1, 1, 0, 0}).validate(s, java.util.List.of(s.get("a")));
        assertEquals("adam preconditioner: step must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Preconditioner.adam(FloatBuffer.allocate(4), 0.99, 0, 1e-8)).getMessage());
        assertEquals("adam preconditioner: beta2 must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> Preconditioner.adam(FloatBuffer.allocate(4), 1, 3, 1e-8)).getMessage());
    }
}
