package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayStepTest {

    @Test
    void extrasAreAnImmutableCopy() {
        Map<String, Object> extras = new HashMap<>();
        extras.put("block", 2);
        ReplayStep step = new ReplayStep(3, 99, 0.5, 1e-6, extras);
        extras.put("block", 5);
        assertEquals(Map.of("block", 2), step.extras());
        assertThrows(UnsupportedOperationException.class, () -> step.extras().put("x", 1));
    }
}
