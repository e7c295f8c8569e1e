package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void lowerCaseSpellsConstantsWithDashesAndParsesThemBack() {
        Vocabulary<Restoration> v = Vocabulary.lowerCase("--restoration", Restoration.class);
        assertEquals(List.of("in-place", "snapshot"), v.ids());
        for (Restoration r : Restoration.values()) {
            assertEquals(r, v.parse(v.spell(r)));
        }
    }

    @Test
    void anUnknownSpellingNamesTheOptionAndEveryChoice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerSettings.BLOCK_ORDERS.parse("RANDOM"));
        assertEquals("--block-order must be one of cyclic, random, got 'RANDOM'", e.getMessage());
    }

    @Test
    void everyVocabularyOfTheConfigRoundTrips() {
        for (Vocabulary<?> v : List.of(OptimizerSettings.METHODS, OptimizerSettings.SCHEDULES, OptimizerSettings.BLOCK_ORDERS,
                OptimizerSettings.RESTORATIONS, OptimizerSettings.NOISES, LoopSettings.OBJECTIVES)) {
            roundTrips(v);
        }
        assertEquals(ZoMethod.ZO_SGD_MOMENTUM, OptimizerSettings.METHODS.parse("zo-sgd-mmt"));
        assertEquals(BlockOrder.RANDOM_PERMUTATION, OptimizerSettings.BLOCK_ORDERS.parse("random"));
        assertEquals(List.of("cross-entropy", "accuracy"), LoopSettings.OBJECTIVES.ids());
    }

    private static <E extends Enum<E>> void roundTrips(Vocabulary<E> v) {
        assertEquals(v.values().size(), v.ids().stream().distinct().count(), v.option() + ": spellings are distinct");
        for (E e : v.values()) {
            assertEquals(e, v.parse(v.spell(e)), v.option());
        }
    }
}
