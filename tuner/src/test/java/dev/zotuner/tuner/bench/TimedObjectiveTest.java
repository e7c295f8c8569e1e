package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimedObjectiveTest {

    @Test
    void countsAndTimesEveryEvaluationAndPassesTheLossThrough() {
        ParameterStore store = ParameterStore.builder().add("w", new long[] {2}, "rest", false, new float[] {1, 2}).build();
        AtomicLong clock = new AtomicLong();
        Objective inner = Objective.of(store, 3, examples -> {
            clock.addAndGet(250_000_000L);
            if (examples.length == 0) {
                throw new IllegalArgumentException("no examples");
            }
            return examples.length * 0.5;
        });
        TimedObjective timed = new TimedObjective(inner, clock::get);
        assertSame(store, timed.parameters());
        assertEquals(3, timed.size());
        assertEquals(1.5, timed.loss());
        assertEquals(1.0, timed.loss(new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> timed.loss(new int[0]));
        assertEquals(3, timed.evaluations(), "a failed evaluation still counts");
        assertEquals(0.75, timed.seconds(), 1e-12);
    }
}
