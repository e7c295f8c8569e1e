package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import org.junit.jupiter.api.Test;

class StateArraysTest {

    @Test
    void anArrayAsLongAsTheta() {
        ParameterStore store = ParameterStore.builder().add("w", new long[] {5}, "rest", true, null).build();
        assertEquals(5, StateArrays.floats(store, "zo-adam", "first moment").length);
        assertEquals(StateArrays.MAX_ELEMENTS, Integer.MAX_VALUE - 8);
    }

    @Test
    void moreThanAnArrayHoldsIsOneLineNamingTheMethodAndWhatToUse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateArrays.floats(3_212_749_824L, "zo-sgd-mmt", "momentum"));
        assertEquals("zo-sgd-mmt keeps its momentum in one array as long as θ, and θ has 3,212,749,824 values (at most "
                + "2,147,483,639 fit); use zo-sgd, n-spsa or mezo-bcd with in-place restoration, or train fewer weights "
                + "(--train-layers, --peft)", e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }
}
