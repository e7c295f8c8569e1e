package dev.zotuner.tuner.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoUpdateTest {

    /** The labels are field values of metrics.jsonl curvature lines already written: they must not change. */
    @Test
    void labelsAreTheMachineOutputValuesOfRunsAlreadyWritten() {
        assertEquals(List.of("gd", "gdm", "adam"), Arrays.stream(ZoUpdate.values()).map(ZoUpdate::label).toList());
    }
}
