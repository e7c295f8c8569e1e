package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScaleRatiosTest {

    private static Map<String, ScaleRatios.Ratio> byId(ModelResult m) {
        return ScaleRatios.of(m).stream().collect(Collectors.toMap(ScaleRatios.Ratio::id, r -> r));
    }

    @Test
    void everyTargetOfTheIssueFromOneRun() {
        Map<String, ScaleRatios.Ratio> r = byId(ScaleFixtures.measured());
        assertEquals(3.0, r.get("eval_over_ort").value(), 1e-12);
        assertFalse(r.get("eval_over_ort").meets());
        assertEquals(1.1, r.get("finetune_over_eval").value(), 1e-12);
        assertTrue(r.get("finetune_over_eval").meets(), "≤ 1.10 is met");
        assertEquals(3.0 / 3.3, r.get("top2_over_full").value(), 1e-12);
        assertFalse(r.get("lora_over_full").meets());
        assertTrue(r.get("bitfit_over_full").meets());
        assertTrue(r.get("bcd_over_full").meets(), "equal to full is met");
        assertEquals(1.0 / (132_955_194L * 4 / (double) (1L << 30)), r.get("export_over_weights").value(), 1e-9);
        assertEquals(2.5, r.get("load_over_session").value(), 1e-12);
        assertEquals(1.2, r.get("step_over_two_forwards").value(), 1e-12, "from single steps when that is all there is");
        assertEquals(1.05, r.get("forward_over_ort").value(), 1e-12);
        assertEquals(List.of(1.25, 1.10, 1.0, 1.0, 1.0, 1.0, 1.5, 2.0, 1.15, 1.05),
                ScaleRatios.of(ScaleFixtures.measured()).stream().map(ScaleRatios.Ratio::target).toList());
    }

    @Test
    void consecutiveStepsAreTheStepFigureWhenMeasured() {
        ModelResult base = ScaleFixtures.measured();
        List<FigureResult> figures = new ArrayList<>(base.figures());
        figures.replaceAll(f -> f.figure() != ScaleFigure.STEP ? f : ScaleFixtures.ok(ScaleFigure.STEP, 3.5, Map.of(
                "forward_ms", 500.0, "step_ms", 1200.0, "consecutive_forward_ms", 400.0, "plain_step_ms", 1040.0)));
        ModelResult m = new ModelResult(base.name(), base.dir(), base.census(), figures);
        assertEquals(1.3, byId(m).get("step_over_two_forwards").value(), 1e-12);
    }

    @Test
    void aFailedSideLeavesTheRatioUnmeasured() {
        Map<String, ScaleRatios.Ratio> r = byId(ScaleFixtures.failing());
        assertFalse(r.get("eval_over_ort").measured());
        assertFalse(r.get("eval_over_ort").meets());
        assertTrue(Double.isNaN(r.get("load_over_session").value()));
        assertTrue(Double.isNaN(r.get("export_over_weights").value()));
    }
}
