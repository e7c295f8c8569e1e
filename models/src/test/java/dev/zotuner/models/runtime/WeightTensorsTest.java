package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.onnxruntime.OnnxTensor;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightTensorsTest {

    @Test
    void wrapsEveryParameterWithoutCopying() {
        ParameterStore store = ParameterStore.builder()
                .add("a", new long[] {2, 3}, "layer.0", true, new float[] {1, 2, 3, 4, 5, 6})
                .add("b", new long[] {3}, "rest", false, new float[] {7, 8, 9})
                .build();
        try (WeightTensors tensors = WeightTensors.wrap(store)) {
            assertEquals(List.of("a", "b"), List.copyOf(tensors.byName().keySet()));
            OnnxTensor b = tensors.byName().get("b");
            assertFalse(b.ownsBuffer(), "direct native-order slices are wrapped, not copied");
            assertEquals(List.of(3L), List.of(b.getInfo().getShape()[0]));
            Parameter p = store.get("b");
            p.values().put(1, 42f);
            FloatBuffer seen = (FloatBuffer) b.getBufferRef().orElseThrow();
            assertEquals(42f, seen.get(1), "the tensor reads the store's memory");
        }
    }
}
