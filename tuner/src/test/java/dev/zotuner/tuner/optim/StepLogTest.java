package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepLogTest {

    @Test
    void lossIsTheMeanOfTheDirectionsMidpoints() {
        StepLog log = new StepLog(4, 0.1, -1, 1,
                List.of(new ProjectedGradient(1, 0, 1, 3), new ProjectedGradient(2, 0, 5, 7)));
        assertEquals(4, log.loss(), 0);
    }

    @Test
    void isImmutableAndValidated() {
        List<ProjectedGradient> list = new ArrayList<>(List.of(new ProjectedGradient(1, 0, 1, 1)));
        StepLog log = new StepLog(0, 0.1, -1, 1, list);
        list.clear();
        assertEquals(1, log.directions().size());
        assertThrows(IllegalArgumentException.class, () -> new StepLog(0, 0.1, -1, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new StepLog(0, 0.1, -1, 2, log.directions()));
    }
}
