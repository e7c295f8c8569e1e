package dev.zotuner.tuner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made results for the tests of the scale benchmark's ratios, tables and report. */
final class ScaleFixtures {

    private ScaleFixtures() {
    }

    static FigureResult ok(ScaleFigure f, double peakGib, Map<String, Double> values) {
        return new FigureResult(f, true, "", peakGib * 1024, 10, values);
    }

    static FigureResult failed(ScaleFigure f, String cause) {
        return new FigureResult(f, false, cause, 300, 4, Map.of());
    }

    /** A 110 M model with every figure measured: ORT 1 GiB, eval 3, full 3.3, top:2 3, LoRA 4, BitFit 2, BCD 3.3. */
    static ModelResult measured() {
        return new ModelResult("bert-base", "/m/bert-base", new WeightCensus(109_514_298L, 132_955_194L,
                132_955_194L * 4, 532_551_585L, 204, 1), List.of(
                ok(ScaleFigure.ORT, 1.0, Map.of("session_s", 2.0, "forward_ms", 400.0)),
                ok(ScaleFigure.LOAD, 2.5, Map.of("load_s", 5.0, "forward_ms", 420.0)),
                ok(ScaleFigure.EVAL, 3.0, Map.of()),
                ok(ScaleFigure.FINETUNE_FULL, 3.3, Map.of("train_s_per_step", 1.5)),
                ok(ScaleFigure.FINETUNE_TOP2, 3.0, Map.of()),
                ok(ScaleFigure.FINETUNE_LORA, 4.0, Map.of()),
                ok(ScaleFigure.FINETUNE_BITFIT, 2.0, Map.of()),
                ok(ScaleFigure.FINETUNE_BCD, 3.3, Map.of()),
                ok(ScaleFigure.STEP, 3.5, Map.of("forward_ms", 500.0, "step_ms", 1200.0)),
                ok(ScaleFigure.EXPORT, 1.0, Map.of("export_bytes", 5.3e8)),
                ok(ScaleFigure.EXPORT_RELOAD, 0.9, Map.of("session_s", 2.0))));
    }

    /** A 1.3 B model where only plain ORT works. */
    static ModelResult failing() {
        List<FigureResult> figures = new ArrayList<>();
        figures.add(ok(ScaleFigure.ORT, 5.5, Map.of("session_s", 20.0, "forward_ms", 7000.0)));
        for (ScaleFigure f : List.of(ScaleFigure.LOAD, ScaleFigure.EVAL, ScaleFigure.FINETUNE_FULL, ScaleFigure.FINETUNE_TOP2,
                ScaleFigure.FINETUNE_LORA, ScaleFigure.FINETUNE_BITFIT, ScaleFigure.FINETUNE_BCD, ScaleFigure.STEP)) {
            figures.add(failed(f, "1220022272 trainable values exceed one 2 GiB buffer"));
        }
        figures.add(FigureResult.skipped(ScaleFigure.EXPORT, "needs finetune-full, which failed"));
        return new ModelResult("opt-1.3b", "/m/opt-1.3b", new WeightCensus(1_315_758_080L, 1_418_715_136L,
                1_418_715_136L * 4, 5_676_314_849L, 390, 1), figures);
    }
}
