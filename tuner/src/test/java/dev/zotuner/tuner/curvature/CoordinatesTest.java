package dev.zotuner.tuner.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinatesTest {

    @Test
    void compactLayoutFollowsTheGivenOrder() {
        ParameterStore s = Problems.store(new float[10]);
        Coordinates all = Coordinates.all(s);
        assertEquals(10, all.size());
        assertEquals(0, all.start(s.get("a")));
        assertEquals(5, all.start(s.get("b")));
        Coordinates reversed = Coordinates.of(s, List.of(s.get("b"), s.get("a")));
        assertEquals(0, reversed.start(s.get("b")));
        assertEquals(5, reversed.start(s.get("a")));
        Coordinates one = Coordinates.of(s, List.of(s.get("b")));
        assertEquals(5, one.size());
        assertEquals(10, one.storeSize());
        assertEquals(all.tensors(), Coordinates.of(s, List.of()).tensors());
        assertEquals("tensor a is not among the selected tensors",
                assertThrows(IllegalArgumentException.class, () -> one.start(s.get("a"))).getMessage());
    }

    @Test
    void rejectsForeignOrRepeatedTensors() {
        ParameterStore s = Problems.store(new float[4]);
        ParameterStore other = Problems.store(new float[4]);
        assertEquals("tensor a is not a trainable tensor of this store", assertThrows(IllegalArgumentException.class,
                () -> Coordinates.of(s, List.of(other.get("a")))).getMessage());
        assertEquals("tensor b is selected twice", assertThrows(IllegalArgumentException.class,
                () -> Coordinates.of(s, List.of(s.get("b"), s.get("b")))).getMessage());
    }
}
