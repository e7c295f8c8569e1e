package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckpointSelectionTest {

    @Test
    void accuracyIsMaximisedAndLossMinimised() {
        CheckpointSelection accuracy = CheckpointSelection.devAccuracy();
        CheckpointSelection loss = new CheckpointSelection(CheckpointSelection.LOSS, 0);
        assertTrue(accuracy.key(0.75, 0.9) > accuracy.key(0.70, 0.1), "higher accuracy wins whatever the loss");
        assertTrue(loss.key(0.70, 0.1) > loss.key(0.75, 0.9), "lower loss wins whatever the accuracy");
    }

    @Test
    void fromNamesTheFirstCandidateStep() {
        assertTrue(CheckpointSelection.devAccuracy().candidate(0), "the base model is a candidate by default");
        CheckpointSelection lmBff = new CheckpointSelection(CheckpointSelection.LOSS, 100);
        assertFalse(lmBff.candidate(0));
        assertFalse(lmBff.candidate(99));
        assertTrue(lmBff.candidate(100));
    }

    @Test
    void onlyTheOldRuleIsTheDefaultAndAMissingStatisticIsAccuracy() {
        assertTrue(CheckpointSelection.devAccuracy().isDefault());
        assertTrue(new CheckpointSelection(null, 0).isDefault());
        assertFalse(new CheckpointSelection(CheckpointSelection.ACCURACY, 1).isDefault());
        assertFalse(new CheckpointSelection(CheckpointSelection.LOSS, 0).isDefault());
    }

    @Test
    void badSettingsAreOneLine() {
        assertEquals("--select must be 'dev-accuracy' or 'dev-loss', got 'f1'",
                assertThrows(IllegalArgumentException.class, () -> new CheckpointSelection("f1", 0)).getMessage());
        assertEquals("--select-from must be ≥ 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new CheckpointSelection("loss", -1)).getMessage());
    }
}
