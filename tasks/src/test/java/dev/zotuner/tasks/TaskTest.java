package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final LabelSet AB = LabelSet.of(List.of("a", "b"));

    @Test
    void holdsImmutableCopies() {
        List<Example> train = new ArrayList<>(List.of(new Example(0, "x", 0), new Example(1, "y", 1)));
        Task t = new Task("t", AB, train, List.of(new Example(0, "z", 1)), "test data");
        train.clear();
        assertEquals(2, t.train().size());
        assertEquals(2, t.numClasses());
        assertThrows(UnsupportedOperationException.class, () -> t.test().clear());
    }

    @Test
    void rejectsLabelOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Task("t", AB, List.of(new Example(4, "x", 2)), List.of(), "d"));
        assertTrue(e.getMessage().contains("row 4"), e.getMessage());
    }
}
