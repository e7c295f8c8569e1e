package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.synth.ExportLayout;
import dev.zotuner.models.synth.GeneratorProgress;
import dev.zotuner.models.synth.ModelGenerator;
import dev.zotuner.models.synth.ModelShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void measuresEachFigureInAChildAndRecordsFailuresAsResults() {
        Path model = tmp.resolve("models").resolve("opt-tiny");
        ModelGenerator.generate(ModelShape.named("opt-tiny"), ExportLayout.SUBFOLDER, model, 1, GeneratorProgress.NONE);
        ScaleSettings settings = new ScaleSettings("no-such-task", 2, 4, 1, 2, 8, 1, 1, 42,
                List.of(ScaleFigure.ORT, ScaleFigure.EVAL, ScaleFigure.EXPORT));
        List<String> log = new ArrayList<>();
        ModelResult r = new ScaleBenchmark(ChildJvm.likeThisOne("-Xmx512m", 300), settings, tmp.resolve("work"), log::add, () -> false)
                .run(model);
        assertEquals("opt-tiny", r.name());
        assertEquals(ModelGenerator.parameters(ModelShape.named("opt-tiny")), r.census().parameters());
        FigureResult ort = r.figure(ScaleFigure.ORT).orElseThrow();
        assertTrue(ort.ok(), ort.cause());
        assertTrue(ort.peakRssMib() > 20 && ort.value("forward_ms").isPresent(), ort.toString());
        FigureResult eval = r.figure(ScaleFigure.EVAL).orElseThrow();
        assertFalse(eval.ok());
        assertTrue(eval.cause().contains("no-such-task"), eval.cause());
        assertTrue(eval.peakRssMib() > 20, "a failure keeps its peak");
        assertEquals("needs finetune-full, which was not run", r.figure(ScaleFigure.EXPORT).orElseThrow().cause());
        assertEquals(3, log.size());
        assertTrue(log.get(1).startsWith("opt-tiny eval: FAILED: "), log.get(1));
        assertTrue(Files.isRegularFile(tmp.resolve("work/opt-tiny/eval.err")));
        assertFalse(Files.exists(tmp.resolve("work/opt-tiny/cache-eval")), "caches are deleted after use");
    }

    @Test
    void prerequisites() {
        List<FigureResult> done = List.of(ScaleFixtures.failed(ScaleFigure.FINETUNE_FULL, "boom"));
        assertEquals("needs finetune-full, which failed",
                ScaleBenchmark.missingPrerequisite(ScaleFigure.EXPORT, done).orElseThrow());
        assertEquals("needs export, which was not run",
                ScaleBenchmark.missingPrerequisite(ScaleFigure.EXPORT_RELOAD, done).orElseThrow());
        assertTrue(ScaleBenchmark.missingPrerequisite(ScaleFigure.EVAL, done).isEmpty());
        assertTrue(ScaleBenchmark.missingPrerequisite(ScaleFigure.EXPORT,
                List.of(ScaleFixtures.ok(ScaleFigure.FINETUNE_FULL, 1, Map.of()))).isEmpty());
    }

    @Test
    void findsTheGraphAsZoDoes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m/onnx"));
        Files.writeString(dir.resolve("decoder_model_merged.onnx"), "");
        assertEquals(dir.resolve("decoder_model_merged.onnx"), ScaleBenchmark.graphFile(tmp.resolve("m")));
        Files.writeString(tmp.resolve("m/model.onnx"), "");
        assertEquals(tmp.resolve("m/model.onnx"), ScaleBenchmark.graphFile(tmp.resolve("m")));
        assertThrows(IllegalArgumentException.class, () -> ScaleBenchmark.graphFile(tmp));
    }
}
