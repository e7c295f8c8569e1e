package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.curvature.CurvatureMeasurement;
import dev.zotuner.tuner.curvature.StepCheck;
import dev.zotuner.tuner.curvature.TraceEstimate;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReportTest {

    private static final TraceReport.Setup SETUP =
            new TraceReport.Setup("default", "sst2", "train", 42, 16, 32, 22_565_376, 2);

    private static final OptimizerChoice GD = OptimizerChoice.resolve(
            OptimizerChoice.Given.options(null, null, null, null), OptimizerChoice.Given.NONE);

    private static TraceEstimate estimate(double trace, double h, NoiseKind noise) {
        return new TraceEstimate(trace, 100, trace - 210, trace + 210, 0.95, 40,
                noise == NoiseKind.GAUSSIAN ? 4e5 : Double.NaN, 1e5, 0.69, h, noise, 0, false,
                TraceEstimate.Stop.PROBE_CAP, List.of());
    }

    @Test
    void jsonNestsTheCurvatureRecordAndTheCheckAndDerivesTheTiming() throws IOException {
        TraceEstimate atH = estimate(1000, 1e-3, NoiseKind.GAUSSIAN);
        StepCheck check = new StepCheck(atH, estimate(1020, 2e-3, NoiseKind.GAUSSIAN), -20, 4, -28, -12, 993.3,
                0.16, false, List.of("h = 0.00100 and 2h disagree"));
        CurvatureMeasurement rec = new CurvatureMeasurement(-1, atH, null, ZoDynamics.gd(1), 1e-4);
        TraceReport r = new TraceReport(SETUP, GD, rec, check, new TraceReport.Timing(3.5, 80, 4, 161, 64.4));
        assertEquals(2.0, r.secondsPerProbe());
        JsonNode j = new ObjectMapper().readTree(r.json());
        assertEquals(42, j.get("kshot_seed").asLong());
        assertEquals(22_565_376, j.get("parameters").asLong());
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(mapper.readTree(mapper.writeValueAsString(rec.toMap())), j.get("curvature"));
        assertEquals("probe_cap", j.get("stop").asText());
        JsonNode c = j.get("check_h");
        assertEquals(1020, c.get("trace_2h").asDouble());
        assertEquals(-28, c.get("difference_ci_low").asDouble());
        assertFalse(c.get("consistent").asBoolean());
        assertEquals("h = 0.00100 and 2h disagree", c.get("warnings").get(0).asText());
        assertEquals(1000 - 993.3, c.get("truncation_bias").asDouble(), 1e-9);
        assertEquals((1000 - 993.3) / 100, c.get("bias_in_se").asDouble(), 1e-9);
        assertTrue(r.text().contains("check h    DISAGREE: Tr H 1.0200e+03 at 2h = 0.002"), r.text());
        assertTrue(r.text().contains("truncation bias of Tr H at h 6.700e+00 (0.67 % of Tr H, 0.07 se)"), r.text());
        assertTrue(r.text().contains("warning    h = 0.00100 and 2h disagree"), r.text());
        assertEquals(161, j.get("timing").get("forwards").asInt());
        assertEquals(2.0, j.get("timing").get("seconds_per_probe").asDouble());
        assertEquals(3.5, j.get("timing").get("load_seconds").asDouble());
        assertEquals(0.4, j.get("timing").get("seconds_per_forward").asDouble(), 1e-12);
    }

    @Test
    void theOptimizerMustBeTheOneTheStabilityFieldsAreFor() {
        TraceEstimate e = estimate(1000, 1e-3, NoiseKind.GAUSSIAN);
        TraceReport.Timing t = new TraceReport.Timing(1, 10, 2, 81, 8.1);
        assertThrows(IllegalArgumentException.class, () -> new TraceReport(SETUP, GD,
                new CurvatureMeasurement(-1, e, null, ZoDynamics.gdm(0.9, 1), 1e-4), null, t));
        assertThrows(IllegalArgumentException.class, () -> new TraceReport(SETUP, null,
                new CurvatureMeasurement(-1, e, null, ZoDynamics.gd(1), 1e-4), null, t));
        assertThrows(IllegalArgumentException.class, () -> new TraceReport(SETUP, GD, CurvatureMeasurement.of(e), null, t));
        assertFalse(new TraceReport(SETUP, null, CurvatureMeasurement.of(e), null, t).text().contains("optimizer"));
    }

    @Test
    void textListsOneQuantityPerLine() {
        TraceEstimate e = estimate(1000, 1e-3, NoiseKind.GAUSSIAN);
        String text = new TraceReport(SETUP, GD, new CurvatureMeasurement(-1, e, null, ZoDynamics.gd(1), 1e-4), null,
                new TraceReport.Timing(3.5, 40, 2, 81, 32.4)).text();
        List<String> lines = text.lines().toList();
        assertEquals("sst2 train split: 32 examples (k=16, seed 42), model default, 22,565,376 parameters", lines.get(0));
        assertEquals("Tr H       1.0000e+03   95 % CI [7.9000e+02, 1.2100e+03], se 1.000e+02 (10.0 %)", lines.get(1));
        assertEquals("probes     40 gaussian, h = 0.001, probe seed 0 (probe count)", lines.get(2));
        assertEquals("tr H^2     4.0000e+05 +- 1.000e+05", lines.get(3));
        assertTrue(text.contains("optimizer  zo-sgd, 1 direction, lr 0.000100"), text);
        assertTrue(text.contains("threshold  2.0000e+04"), text);
        // S = (lr/2)(Tr + lr tr H^2) = 5e-5 (1000 + 40)
        assertTrue(text.contains("S(lr)      5.2000e-02   < 1"), text);
        assertTrue(text.contains("no lr proven stable (H may be indefinite)"), text);
        assertTrue(text.contains("verdict    undetermined"), text);
        assertEquals("time       40.0 s estimate: 1.000 s/probe, 2 forwards/probe; load 3.5 s, 2 threads",
                lines.get(lines.size() - 2));
        assertEquals("           81 forwards in 32.4 s (0.400 s each), 7.6 s perturbing and restoring theta",
                lines.get(lines.size() - 1));
        assertFalse(text.contains("check h"));
    }

    @Test
    void rademacherProbesHaveNoTraceSquaredAndANegativeTraceNoVerdict() throws IOException {
        TraceEstimate e = estimate(-50, 1e-3, NoiseKind.RADEMACHER);
        TraceReport r = new TraceReport(SETUP, GD, new CurvatureMeasurement(-1, e, null, ZoDynamics.gd(1), 1e-4), null,
                new TraceReport.Timing(1, 10, 2, 81, 8.1));
        assertTrue(r.text().contains("tr H^2     n/a (Rademacher probes)"), r.text());
        assertTrue(r.text().contains("verdict    none"), r.text());
        JsonNode c = new ObjectMapper().readTree(r.json()).get("curvature");
        assertFalse(c.has("trace_sq"));
        assertFalse(c.has("verdict"));
    }
}
