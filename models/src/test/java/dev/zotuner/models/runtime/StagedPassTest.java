package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.onnx.GraphStages;
import dev.zotuner.models.onnx.OnnxFile;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedPassTest {

    @TempDir
    Path tmp;

    @FunctionalInterface
    private interface PassUse {
        void accept(LanguageModel lm, GraphStages stages, WeightTensors weights);
    }

    private void withMlm(PassUse use) {
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(TinyModels.mlm(tmp.resolve("mlm")).toString())
                .withExecution(Execution.whole()).withCacheDir(tmp.resolve("cache")));
             WeightTensors weights = WeightTensors.wrap(lm.parameters())) {
            Map<String, String> blocks = new LinkedHashMap<>();
            lm.parameters().parameters().forEach(p -> blocks.put(p.name(), p.block()));
            OnnxFile file = OnnxFile.readWhole(lm.prepared().rewritten());
            use.accept(lm, GraphStages.of(file.proto().getGraph(), blocks, "logits", file.path()), weights);
        }
    }

    private static ai.onnx.proto.OnnxMl.ModelProto proto(LanguageModel lm) {
        return OnnxFile.readWhole(lm.prepared().rewritten()).proto();
    }

    @Test
    void segmentsMapToStagesAndCutsNameWhatCrosses() {
        withMlm((lm, stages, weights) -> {
            try (StagedPass pass = StagedPass.open(proto(lm), lm.prepared().weightsDirectory(), stages, new int[] {0, 2}, weights, lm.prepared().signature(),
                    HeadFeed.of(lm.prepared(), lm.readPositions().orElseThrow()))) {
                assertEquals(2, pass.segments());
                assertEquals(0, pass.segmentAt(1));
                assertEquals(1, pass.segmentAt(3));
                assertEquals(4, pass.firstStage(2));
                assertEquals(Set.of("x1"), pass.cutBefore(1), "layer.0's output feeds layer.1");
                TokenBatch batch = lm.tokenizer().encodeBatch(List.of("the movie was [MASK]", "it was [MASK]"));
                float[] whole = StagedForwardTest.copy(lm.forwardOutput(batch));
                try (Activations root = pass.tokens(batch); Activations cut = pass.advance(root, 0, 1)) {
                    assertTrue(cut.get("x1") != null && root.get("x1") == null, "a level sees its own and its parents' tensors");
                    assertArrayEquals(whole, StagedForwardTest.copy(pass.finish(cut, batch, 1)), 1e-6f);
                    assertArrayEquals(whole, StagedForwardTest.copy(pass.finish(cut, batch, 1)), 1e-6f,
                            "the same cut feeds a second suffix run");
                }
            }
        });
    }

    @Test
    void cutsMustStartAtZeroAndRise() {
        withMlm((lm, stages, weights) -> {
            ModelException e = assertThrows(ModelException.class,
                    () -> StagedPass.open(proto(lm), lm.prepared().weightsDirectory(), stages, new int[] {0, 2, 2}, weights, lm.prepared().signature(),
                            HeadFeed.NONE));
            assertTrue(e.getMessage().contains("do not split 4 stages"), e.getMessage());
        });
    }
}
