package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepRecordTest {

    private static JsonFields json(String s) {
        return JsonFields.parse(JsonFields.mapper(), s, "m.jsonl", 1);
    }

    @Test
    void readsRequiredAndOptionalFields() {
        StepRecord r = StepRecord.of(json("{\"type\":\"step\",\"step\":4,\"loss_plus\":0.7,"
                + "\"loss_minus\":0.5,\"projected_grad\":100,\"lr\":1e-5,\"seconds\":2.5,"
                + "\"trace_sample\":12.0}"));
        assertEquals(new StepRecord(4, 0.7, 0.5, 100, 1e-5, 2.5, Double.NaN, 12.0, Double.NaN), r);
        assertEquals(0.6, r.meanLoss(), 1e-15);
        assertTrue(Double.isNaN(r.centerLoss()));
    }

    @Test
    void missingLossIsAnError() {
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> StepRecord.of(json("{\"step\":4,\"loss_plus\":0.7,\"projected_grad\":1,"
                        + "\"lr\":1e-5,\"seconds\":2.5}")));
        assertEquals("m.jsonl:1: missing field 'loss_minus'", e.getMessage());
    }

    @Test
    void divergedLossIsNaNNotAnError() {
        StepRecord r = StepRecord.of(json("{\"step\":9,\"loss_plus\":\"NaN\",\"loss_minus\":1,"
                + "\"projected_grad\":null,\"lr\":1e-5,\"seconds\":3}"));
        assertTrue(Double.isNaN(r.meanLoss()));
    }
}
