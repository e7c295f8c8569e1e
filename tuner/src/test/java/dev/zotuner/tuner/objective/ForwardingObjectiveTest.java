package dev.zotuner.tuner.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.Hold;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingObjectiveTest {

    @Test
    void forwardsThetaSizeLossAndHoldsUnlessOverridden() {
        ParameterStore store = ParameterStore.builder().add("w", new long[] {2}, "w", true, new float[] {1, 2}).build();
        List<List<Parameter>> held = new ArrayList<>();
        Hold hold = () -> { };
        Objective inner = new Objective() {
            @Override
            public ParameterStore parameters() {
                return store;
            }

            @Override
            public int size() {
                return 3;
            }

            @Override
            public double loss(int[] examples) {
                return examples.length + 0.5;
            }

            @Override
            public Hold holdFixedExcept(List<Parameter> changing) {
                held.add(changing);
                return hold;
            }
        };
        Objective plain = new ForwardingObjective(inner) { };
        assertSame(store, plain.parameters());
        assertEquals(3, plain.size());
        assertEquals(2.5, plain.loss(new int[] {0, 1}));
        assertSame(hold, plain.holdFixedExcept(store.parameters()));
        assertEquals(List.of(store.parameters()), held);
        Objective doubled = new ForwardingObjective(inner) {
            @Override
            public double loss(int[] examples) {
                return 2 * super.loss(examples);
            }
        };
        assertEquals(5.0, doubled.loss(new int[] {0, 1}));
        assertThrows(NullPointerException.class, () -> new ForwardingObjective(null) { });
    }
}
