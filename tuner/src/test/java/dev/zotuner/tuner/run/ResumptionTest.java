package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.StepRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumptionTest {

    private static final double NAN = Double.NaN;

    private static StepRecord step(long t, double seconds) {
        return new StepRecord(t, 1, 1, 0, 1e-6, seconds, NAN, NAN, NAN);
    }

    @Test
    void secondsIsTheLastFiniteCumulativeTime() {
        MetricsLog log = new MetricsLog(List.of(step(1, 0.5), step(2, 1.25), step(3, NAN)),
                List.of(), List.of());
        assertEquals(1.25, new Resumption(3, 0, List.of(), log).seconds());
        MetricsLog empty = new MetricsLog(List.of(), List.of(), List.of());
        assertEquals(0.0, new Resumption(0, 0, List.of(), empty).seconds());
    }

    @Test
    void negativeCountsAreRejected() {
        MetricsLog empty = new MetricsLog(List.of(), List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> new Resumption(-1, 0, List.of(), empty));
        assertThrows(IllegalArgumentException.class, () -> new Resumption(0, -1, List.of(), empty));
    }
}
