package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.StepLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepLogCodecTest {

    @Test
    void roundTripsEveryReplayField() {
        StepLog log = new StepLog(4, 1e-5, 3, -1, List.of(new ProjectedGradient(-7L, 0.25, 1, 2),
                new ProjectedGradient(Long.MAX_VALUE, -3.5, 4, 5)));
        Map<String, Object> extras = StepLogCodec.extras(log);
        // What the metrics reader gives back: numbers as JSON numbers, the first direction in the fixed fields.
        ReplayStep r = new ReplayStep(5, -7L, 0.25, 1e-5, Map.of("block", 3, "accepted", -1,
                "more_directions", List.of(List.of(Long.toString(Long.MAX_VALUE), -3.5, 4.0, 5.0))));
        assertEquals(extras.get("more_directions"), r.extras().get("more_directions"));
        StepLog back = StepLogCodec.decode(r, 1, 2);
        assertEquals(log, back);
    }
}
