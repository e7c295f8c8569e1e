package dev.zotuner.tuner.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.FlatMinimaExample;
import dev.zotuner.tuner.objective.Quadratic;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    @Test
    void oneStepIsThetaMinusLrTimesTheExactGradient() {
        ParameterStore store = ParameterStore.builder()
                .add("w", new long[] {3}, "w", false, new float[] {1, -2, 4})
                .build();
        // L = ½ Σ h_i (θ_i − θ*_i)², ∇L = h ⊙ (θ − θ*)
        Quadratic q = Quadratic.diagonal(store, new double[] {1, 2, 0.5}, new double[] {0, 0, 0});
        double norm = new GradientDescent(q, 0.25).step();
        ParameterStore t = store;
        assertEquals(0.75f, t.get(0));
        assertEquals(-1f, t.get(1));
        assertEquals(3.5f, t.get(2));
        assertEquals(Math.sqrt(1 + 16 + 4), norm, 1e-12);
    }

    @Test
    void reachesAMinimiserOfTheFlatMinimaExampleAndStopsThere() {
        FlatMinimaExample f = FlatMinimaExample.random(10, 5);
        GradientDescent gd = new GradientDescent(f, 0.02);
        for (int i = 0; i < 2000; i++) {
            gd.step();
        }
        assertEquals(0, f.residual(), 1e-6);
        double trace = f.hessianTrace(null);
        gd.step();
        assertEquals(trace, f.hessianTrace(null), 1e-5);
    }

    @Test
    void refusesABadLearningRate() {
        FlatMinimaExample f = FlatMinimaExample.random(2, 1);
        assertEquals("gradient descent: learning rate must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new GradientDescent(f, 0)).getMessage());
    }
}
