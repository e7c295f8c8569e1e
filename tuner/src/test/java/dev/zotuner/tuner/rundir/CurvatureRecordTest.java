package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CurvatureRecordTest {

    private static JsonFields json(String s) {
        return JsonFields.parse(JsonFields.mapper(), s, "m.jsonl", 5);
    }

    private static final String FULL = "{\"type\":\"curvature\",\"step\":100,\"trace\":4000,"
            + "\"trace_se\":200,\"trace_ci_low\":3608,\"trace_ci_high\":4392,\"probes\":16,"
            + "\"lambda_max\":900,\"lr\":1e-4,\"threshold\":20000,\"stability_s\":0.3}";

    @Test
    void readsAllFields() {
        CurvatureRecord r = CurvatureRecord.of(json(FULL));
        assertEquals(new CurvatureRecord(100, 4000, 200, 3608, 4392, 16, Double.NaN, 900, 1e-4,
                20000, 0.3), r);
        assertTrue(Double.isNaN(r.traceSq()));
    }

    @Test
    void halfLrTraceIsTraceTimesLrOverTwo() {
        assertEquals(0.2, CurvatureRecord.of(json(FULL)).halfLrTrace(), 1e-15);
    }

    @Test
    void missingThresholdAndBadProbes() {
        assertEquals("m.jsonl:5: missing field 'threshold'",
                assertThrows(RunDirectoryException.class, () -> CurvatureRecord.of(
                        json(FULL.replace("\"threshold\":20000,", "")))).getMessage());
        assertEquals("m.jsonl:5: field 'probes' must be at least 0 (0 = exact), found -1",
                assertThrows(RunDirectoryException.class, () -> CurvatureRecord.of(
                        json(FULL.replace("\"probes\":16", "\"probes\":-1")))).getMessage());
    }

    @Test
    void anExactTraceHasNoProbesAndNoStabilityStatistic() {
        CurvatureRecord r = CurvatureRecord.of(json("{\"type\":\"curvature\",\"step\":0,"
                + "\"trace\":190.5,\"trace_se\":0,\"trace_ci_low\":190.5,\"trace_ci_high\":190.5,"
                + "\"probes\":0,\"exact\":true,\"lr\":0.01,\"threshold\":200,\"stability_s\":null}"));
        assertEquals(0, r.probes());
        assertEquals(190.5, r.ciLow());
        assertTrue(Double.isNaN(r.stabilityS()));
    }

    @Test
    void aNegativeTraceEstimateHasNoStabilityStatistic() {
        // the tracker leaves S(η) out when a noisy estimate of an indefinite Hessian's trace is ≤ 0
        CurvatureRecord r = CurvatureRecord.of(json(FULL.replace("\"trace\":4000", "\"trace\":-19")
                .replace(",\"stability_s\":0.3", "")));
        assertEquals(-19, r.trace());
        assertTrue(Double.isNaN(r.stabilityS()));
    }
}
