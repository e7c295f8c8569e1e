package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.onnx.GraphStages;
import dev.zotuner.models.onnx.OnnxFile;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixCacheTest {

    @TempDir
    Path tmp;

    /** The tiny MLM with only the LM head trainable, cut before the head; a cache of {@code budget} bytes on it. */
    private void withCache(long budget, CacheUse use) {
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(TinyModels.mlm(tmp.resolve("mlm")).toString())
                .withTrainable("^rest/").withExecution(Execution.whole()).withCacheDir(tmp.resolve("cache")))) {
            Map<String, String> blocks = new LinkedHashMap<>();
            for (Parameter p : lm.parameters().parameters()) {
                blocks.put(p.name(), p.block());
            }
            OnnxFile file = OnnxFile.readWhole(lm.prepared().rewritten());
            GraphStages stages = GraphStages.of(file.proto().getGraph(), blocks, "logits", file.path());
            int head = stages.stageNames().indexOf("rest");
            try (WeightTensors weights = WeightTensors.wrap(lm.parameters());
                 StagedPass pass = StagedPass.open(file.proto(), lm.prepared().weightsDirectory(), stages, new int[] {0, head}, weights, lm.prepared().signature(),
                         HeadFeed.of(lm.prepared(), lm.readPositions().orElseThrow()))) {
                use.accept(lm, pass, new PrefixCache(pass, 1, budget));
            }
        }
    }

    @FunctionalInterface
    private interface CacheUse {
        void accept(LanguageModel lm, StagedPass pass, PrefixCache cache);
    }

    private static float[] suffix(StagedPass pass, PrefixCache cache, TokenBatch batch) {
        try (Activations root = pass.tokens(batch); Activations cut = cache.assemble(batch, root)) {
            return StagedForwardTest.real(pass.finish(cut, batch, 1), batch);
        }
    }

    @Test
    void reBatchedRowsGiveWhatTheWholeGraphGives() {
        withCache(1 << 20, (lm, pass, cache) -> {
            TokenBatch batch = lm.tokenizer().encodeBatch(List.of("the movie was [MASK]", "it was [MASK] and very boring really",
                    "the movie was [MASK]", "ok"));
            float[] whole = StagedForwardTest.real(lm.forwardOutput(batch), batch);
            assertArrayEquals(whole, suffix(pass, cache, batch), 1e-6f);
            assertEquals(List.of("x2"), cache.tensors(), "the cut is the last layer's output: the head runs from the scale on, at the read positions");
            PrefixCache.Stats s = cache.stats();
            assertEquals(3, s.rows(), "the repeated text is one row");
            assertEquals(3, s.computed(), "the repeated text is computed once");
            assertEquals(List.of(6, 9, 6, 3), java.util.Arrays.stream(batch.lengths()).boxed().toList());
            assertEquals(4L * 8 * (6 + 9 + 3), s.bytes(), "real positions only: 6, 9 and 3 tokens of 8 floats");
            TokenBatch other = lm.tokenizer().encodeBatch(List.of("ok", "the movie was [MASK]"));
            assertArrayEquals(StagedForwardTest.real(lm.forwardOutput(other), other), suffix(pass, cache, other), 1e-6f);
            assertEquals(2, cache.stats().hits(), "rows are found in a batch of another shape");
        });
    }

    @Test
    void rowsOverTheBudgetAreComputedEachTimeAndNotKept() {
        withCache(4L * 8 * 7, (lm, pass, cache) -> {
            TokenBatch batch = lm.tokenizer().encodeBatch(List.of("the movie was [MASK]", "it was [MASK] and boring"));
            float[] whole = StagedForwardTest.real(lm.forwardOutput(batch), batch);
            assertArrayEquals(whole, suffix(pass, cache, batch), 1e-6f);
            assertArrayEquals(whole, suffix(pass, cache, batch), 1e-6f);
            PrefixCache.Stats s = cache.stats();
            assertEquals(1, s.rows(), "only the first row fits in 7 positions");
            assertTrue(s.bytes() <= s.budget());
            assertEquals(2, s.uncached(), "the second row was computed twice and never kept");
            assertEquals(1, s.hits());
        });
    }

    @Test
    void theCutMustFollowAFrozenPrefix() {
        withCache(1, (lm, pass, cache) -> assertThrows(IllegalArgumentException.class, () -> new PrefixCache(pass, 0, 1)));
    }
}
