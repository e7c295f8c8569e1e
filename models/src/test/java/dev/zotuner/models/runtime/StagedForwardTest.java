package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Execution;
import dev.zotuner.models.Hold;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StagedForwardTest {

    private static final List<String> TEXTS = List.of("the movie was [MASK]", "a long and boring film was [MASK] really",
            "it was", "great");

    @TempDir
    Path tmp;

    private Path model(String kind) {
        Function<Path, Path> make = switch (kind) {
            case "mlm" -> TinyModels::mlm;
            case "causal" -> TinyModels::causal;
            default -> TinyModels::encoder;
        };
        return make.apply(tmp.resolve(kind));
    }

    private LanguageModel load(Path dir, String trainable, Execution execution) {
        return LanguageModel.load(ModelSpec.of(dir.toString()).withTrainable(trainable).withExecution(execution)
                .withCacheDir(tmp.resolve("cache")));
    }

    static float[] copy(OutputView v) {
        float[] out = new float[v.data().capacity()];
        v.data().get(0, out);
        return out;
    }

    /**
     * The values at real (unpadded) positions: a cached prefix feeds zeros at padded ones, which heads never read; all
     * of a sliced output (the one position per row its head reads).
     */
    static float[] real(OutputView v, TokenBatch batch) {
        if (v.sliced()) {
            return copy(v);
        }
        float[] out = new float[java.util.Arrays.stream(batch.lengths()).sum() * v.width()];
        int at = 0;
        for (int r = 0; r < batch.size(); r++) {
            for (int p = 0; p < batch.length(r); p++) {
                v.data().get(v.offset(r, p), out, at, v.width());
                at += v.width();
            }
        }
        return out;
    }

    /** max |a − b| over max |b|: relative to the output's scale, so near-zero entries do not blow it up. */
    static double maxRelativeDifference(float[] a, float[] b) {
        assertEquals(b.length, a.length);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs((double) a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    private static float[] output(LanguageModel lm) {
        return output(lm, TEXTS);
    }

    private static float[] output(LanguageModel lm, List<String> texts) {
        TokenBatch batch = lm.tokenizer().encodeBatch(texts);
        return real(lm.forwardOutput(batch), batch);
    }

    @Test
    void aCachedPrefixReBatchesSmallerBatchesAfterLargerOnes() {
        Path dir = model("mlm");
        List<String> few = List.of(TEXTS.get(0));
        float[] whole;
        try (LanguageModel lm = load(dir, "^layer\\.1/", Execution.whole())) {
            whole = output(lm, few);
        }
        try (LanguageModel lm = load(dir, "^layer\\.1/", Execution.defaults())) {
            output(lm);     // a larger batch first: re-batching must not depend on what came before
            float[] cached = output(lm, few);
            assertTrue(maxRelativeDifference(cached, whole) <= 1e-6, "one short row after a longer batch");
            assertArrayEquals(cached, output(lm, few), "the same batch twice: bit-identical");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlm", "causal", "encoder"})
    void perBlockStagesComposeToTheWholeGraph(String kind) {
        Path dir = model(kind);
        float[] whole;
        try (LanguageModel lm = load(dir, null, Execution.whole())) {
            assertEquals("whole graph", lm.execution());
            whole = output(lm);
        }
        try (LanguageModel lm = load(dir, null, Execution.whole().withSplitBlocks(true))) {
            String stages = kind.equals("encoder") ? "stages [embeddings | layer.0 | layer.1]"
                    : "stages [embeddings | layer.0 | layer.1 | rest]";
            assertEquals(stages, lm.execution());
            assertTrue(maxRelativeDifference(output(lm), whole) <= 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlm", "causal", "encoder"})
    void aFrozenPrefixIsComputedOncePerExampleAndGivesTheSameOutputs(String kind) {
        Path dir = model(kind);
        float[] whole;
        try (LanguageModel lm = load(dir, "^layer\\.1/", Execution.whole())) {
            whole = output(lm);
        }
        try (LanguageModel lm = load(dir, "^layer\\.1/", Execution.defaults())) {
            assertEquals("stages [embeddings..layer.0 | layer.1" + (kind.equals("encoder") ? "" : "..rest")
                    + "], frozen prefix cached up to layer.1", lm.execution());
            assertTrue(maxRelativeDifference(output(lm), whole) <= 1e-6);
            assertEquals(4, lm.prefixCache().orElseThrow().rows());
            assertEquals(4, lm.prefixCache().orElseThrow().computed());
            assertArrayEquals(whole, output(lm), 1e-6f);
            assertEquals(4, lm.prefixCache().orElseThrow().hits(), "the second pass reads every row from the cache");
            assertTrue(lm.prefixCache().orElseThrow().bytes() > 0);
        }
    }

    @Test
    void aPrefixCacheNeedsAFrozenPrefixAndABudget() {
        Path dir = model("mlm");
        try (LanguageModel all = load(dir, null, Execution.defaults());
             LanguageModel off = load(dir, "^layer\\.1/", Execution.whole())) {
            assertEquals("whole graph", all.execution(), "embeddings are trainable: nothing is frozen");
            assertEquals("whole graph", off.execution());
            assertTrue(all.prefixCache().isEmpty());
        }
    }

    @Test
    void aHoldReusesTheUpstreamStagesAndStillSeesEditsDownstream() {
        Path dir = model("mlm");
        try (LanguageModel lm = load(dir, null, Execution.whole().withSplitBlocks(true));
             LanguageModel reference = load(dir, null, Execution.whole())) {
            Parameter bias = lm.parameters().get("encoder.layer.1.dense.bias");
            Parameter same = reference.parameters().get("encoder.layer.1.dense.bias");
            StagedForward staged = assertInstanceOf(StagedForward.class, forwardOf(lm));
            float[] before = output(lm);
            try (Hold hold = lm.holdFixedExcept(List.of(bias.name()))) {
                output(lm);
                bias.values().put(3, bias.values().get(3) + 0.5f);
                same.values().put(3, same.values().get(3) + 0.5f);
                float[] edited = output(lm);
                assertFalse(java.util.Arrays.equals(before, edited), "the held suffix reads the edited weight");
                assertArrayEquals(output(reference), edited, 1e-6f);
            }
            assertEquals(1, staged.heldPrefixStats()[0], "the prefix ran once for the batch");
            assertEquals(1, staged.heldPrefixStats()[1], "and was reused by the second pass");
        }
    }

    private static Forward forwardOf(LanguageModel lm) {
        try {
            var f = LanguageModel.class.getDeclaredField("pass");
            f.setAccessible(true);
            return (Forward) f.get(lm);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlm", "causal", "encoder"})
    void θInManySmallBuffersRunsAsθInOne(String kind) {
        Path dir = model(kind);
        for (Execution execution : List.of(Execution.whole(), Execution.defaults(), Execution.whole().withSplitBlocks(true))) {
            String trainable = execution.equals(Execution.defaults()) ? "layer\\.1|rest" : null;
            try (LanguageModel one = load(dir, trainable, execution);
                 LanguageModel split = load(dir, trainable, execution.withChunkBytes(256))) {
                assertEquals(1, one.parameters().chunks());
                assertTrue(split.parameters().chunks() > 1, split.parameters().chunks() + " buffers");
                assertArrayEquals(one.parameters().snapshot(), split.parameters().snapshot());
                for (LanguageModel m : List.of(one, split)) {      // the same in-place edit on both
                    for (Parameter p : m.parameters().parameters()) {
                        p.values().put(0, p.values().get(0) + 0.25f);
                    }
                }
                TokenBatch batch = one.tokenizer().encodeBatch(TEXTS);
                assertArrayEquals(copy(one.forwardOutput(batch)), copy(split.forwardOutput(batch)), kind + " " + execution);
            }
        }
    }
}
