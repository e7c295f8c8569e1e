package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassificationScoresTest {

    @Test
    void accuracyAndMacroF1MatchHandCount() {
        // gold: 0 0 1 1 2 ; predicted: 0 1 1 1 0
        double[][] logits = {{5, 0, 0}, {0, 5, 0}, {0, 5, 0}, {0, 5, 0}, {5, 0, 0}};
        int[] gold = {0, 0, 1, 1, 2};
        ClassificationScores s = ClassificationScores.of(logits, gold, 3);
        assertEquals(3.0 / 5, s.accuracy(), 1e-15);
        // class 0: tp1 pred2 act2 -> F1 .5; class 1: tp2 pred3 act2 -> .8; class 2: 0
        assertEquals((0.5 + 0.8 + 0) / 3, s.macroF1(), 1e-15);
        assertEquals(5, s.examples());
        assertEquals(CrossEntropy.mean(logits, gold), s.loss(), 0);
    }
}
