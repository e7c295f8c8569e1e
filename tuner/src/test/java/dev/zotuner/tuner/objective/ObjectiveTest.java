package dev.zotuner.tuner.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.zotuner.models.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectiveTest {

    private final ParameterStore store = ParameterStore.builder()
            .add("w", new long[] {2}, "w", true, new float[] {0.5f, -1f})
            .build();

    @Test
    void ofReadsTheCurrentThetaAndPassesTheIndices() {
        List<int[]> seen = new ArrayList<>();
        Objective o = Objective.of(store, 3, examples -> {
            seen.add(examples.clone());
            return store.snapshot()[0] * examples.length;
        });
        assertSame(store, o.parameters());
        assertEquals(3, o.size());
        assertEquals(1.0, o.loss(new int[] {2, 0}));
        store.restore(new float[] {2f, -1f});
        assertEquals(6.0, o.loss(), "the full batch is every index, at the new θ");
        assertArrayEquals(new int[] {2, 0}, seen.get(0));
        assertArrayEquals(new int[] {0, 1, 2}, seen.get(1));
    }
}
