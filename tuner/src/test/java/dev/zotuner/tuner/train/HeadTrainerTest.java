package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.eval.HeadWeights;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {

    private static final HeadWeights START = new HeadWeights(new double[][] {{1, 0}, {0, 1}}, new double[2]);

    @Test
    void theFirstAdamStepMovesEachWeightByTheStepSizeAgainstItsGradientsSign() {
        HeadTrainer trainer = new HeadTrainer(0.01, 0);
        HeadTrainer.State s = trainer.update(HeadTrainer.State.start(START),
                new HeadWeights(new double[][] {{0.3, -2}, {0, 1e-3}}, new double[] {-0.5, 0.5}));
        assertEquals(1, s.updates());
        // bias-corrected m/√v = g/|g| at t = 1 (up to ε)
        assertEquals(1 - 0.01, s.weights().prototype(0, 0), 1e-9);
        assertEquals(0.01, s.weights().prototype(0, 1), 1e-9);
        assertEquals(0, s.weights().prototype(1, 0), 0, "a zero gradient leaves the weight");
        assertEquals(1 - 0.01, s.weights().prototype(1, 1), 1e-6);
        assertEquals(0.01, s.weights().bias(0), 1e-9);
        assertEquals(-0.01, s.weights().bias(1), 1e-9);
        assertEquals(START, s.initial());
        assertEquals(0.1 * 0.3, s.m().prototype(0, 0), 1e-15);
        assertEquals(0.001 * 4, s.v().prototype(0, 1), 1e-15);
    }

    @Test
    void adamFollowsKingmaAndBaOverSeveralSteps() {
        double lr = 0.05;
        HeadTrainer trainer = new HeadTrainer(lr, 0);
        HeadTrainer.State s = HeadTrainer.State.start(START);
        double w = 1;
        double m = 0;
        double v = 0;
        double[] gradients = {0.2, -0.1, 0.4, 0.05};
        for (int t = 1; t <= gradients.length; t++) {
            double g = gradients[t - 1];
            s = trainer.update(s, new HeadWeights(new double[][] {{g, 0}, {0, 0}}, new double[2]));
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            w -= lr * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
            assertEquals(w, s.weights().prototype(0, 0), 1e-15, "step " + t);
        }
    }

    @Test
    void theDecayPullsTowardTheZeroShotHead() {
        HeadTrainer trainer = new HeadTrainer(0.01, 1.0);
        HeadTrainer.State moved = new HeadTrainer.State(0, new HeadWeights(new double[][] {{2, 0}, {0, 1}},
                new double[] {0.5, 0}), START, HeadWeights.zeros(2, 2), HeadWeights.zeros(2, 2));
        HeadTrainer.State s = trainer.update(moved, HeadWeights.zeros(2, 2));
        assertEquals(2 - 0.01, s.weights().prototype(0, 0), 1e-9, "pulled back toward w⁰ = 1");
        assertEquals(0.5 - 0.01, s.weights().bias(0), 1e-9, "biases toward 0");
        assertEquals(1, s.weights().prototype(1, 1), 0, "at w⁰: no pull");
    }

    @Test
    void aStateRoundTripsThroughItsCheckpointExactly() {
        HeadTrainer trainer = new HeadTrainer(0.003, 0.1);
        HeadTrainer.State s = HeadTrainer.State.start(START);
        for (int t = 0; t < 3; t++) {
            s = trainer.update(s, new HeadWeights(new double[][] {{0.1 / 3, -t}, {Math.PI, 1e-300}}, new double[] {t, -1}));
        }
        HeadTrainer.State back = HeadTrainer.State.of(s.checkpoint(9, 20));
        assertEquals(s, back);
        assertEquals(9, s.checkpoint(9, 20).step());
        assertEquals(20, s.checkpoint(9, 20).scale());
    }

    @Test
    void rejectsAGradientOfAnotherShapeAndBadSettings() {
        HeadTrainer trainer = new HeadTrainer(0.01, 0);
        assertThrows(IllegalArgumentException.class, () -> trainer.update(HeadTrainer.State.start(START),
                HeadWeights.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new HeadTrainer(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HeadTrainer(0.1, -1));
    }
}
