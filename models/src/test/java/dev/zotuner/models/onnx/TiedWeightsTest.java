package dev.zotuner.models.onnx;

import static dev.zotuner.models.testing.Initializers.floats;
import static dev.zotuner.models.testing.Initializers.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiedWeightsTest {

    private static final List<String> TEXTS = List.of("the movie was [MASK]", "i loved this film it was [MASK] .");
    private static final String WORDS = "embeddings.word_embeddings.weight";

    @TempDir
    Path tmp;

    private static ParameterStore store(float[][] values, long[][] shapes) {
        ParameterStore.Builder b = ParameterStore.builder();
        for (int i = 0; i < values.length; i++) {
            b.add("t" + i, shapes[i], "rest", true, values[i]);
        }
        return b.build();
    }

    @Test
    void findsCopiesAndTransposesByTheirBitsButNeverConstantsOrVectors() {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] zeros = new float[6];
        float[] negZero = {1, 2, 3, 4, 5, -0f};
        float[] posZero = {1, 2, 3, 4, 5, 0f};
        TiedWeights ties = TiedWeights.find(store(
                new float[][] {a, aT, a.clone(), zeros, zeros.clone(), {1, 2}, {1, 2}, negZero, posZero},
                new long[][] {{2, 3}, {3, 2}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}, {2, 3}, {2, 3}}));
        assertEquals(List.of(new TiedWeights.Tie("t0", "t1", true, 6), new TiedWeights.Tie("t0", "t2", false, 6)),
                ties.ties());
        assertEquals(12, ties.savedValues());
        assertEquals("t1 = transpose of t0 (6 values)", ties.ties().get(0).toString());
        assertArrayEquals(aT, TiedWeights.partnerValues(ties.ties().get(0), a, new long[] {2, 3}));
        assertArrayEquals(a, TiedWeights.partnerValues(ties.ties().get(1), a, new long[] {2, 3}));
        assertTrue(TiedWeights.find(store(new float[][] {a, {1, 2, 3, 4, 5, 7}}, new long[][] {{2, 3}, {3, 2}})).isEmpty());
    }

    @Test
    void aTiedMlmTrainsOneTensorAndComputesTheSameLogitsAsItsUntiedTwin() {
        Path dir = TinyModels.tiedMlm(tmp.resolve("tied"));
        ModelSpec spec = ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache"));
        PreparedModel tied = PreparedModel.prepare(spec, new ModelCache(tmp.resolve("cache")));
        assertEquals(List.of(new TiedWeights.Tie(WORDS, "lm_head.weight", true, 280)), tied.ties().ties());
        assertEquals(TinyModels.MLM_PARAMETERS - 280, tied.parameters().size());
        assertFalse(tied.parameters().contains("lm_head.weight"));
        PreparedModel untied = PreparedModel.prepare(spec.withTieWeights(false), new ModelCache(tmp.resolve("cache")));
        assertEquals(TinyModels.MLM_PARAMETERS, untied.parameters().size());
        assertTrue(untied.ties().isEmpty());
        for (Execution execution : List.of(Execution.whole(), Execution.defaults().withSplitBlocks(true))) {
            try (LanguageModel a = LanguageModel.load(spec.withExecution(execution));
                 LanguageModel b = LanguageModel.load(spec.withTieWeights(false).withExecution(execution))) {
                assertEquals(TinyModels.MLM_PARAMETERS - 280, a.info().trainable());
                assertEquals(List.of("lm_head.weight = transpose of " + WORDS + " (280 values)"), a.info().ties());
                assertArrayEquals(b.forward(TEXTS).values(), a.forward(TEXTS).values(), execution.toString());
                // Move the primary: the partner follows, as if both had been moved together.
                Parameter words = a.parameters().get(WORDS);
                float[] moved = values(words);
                for (int i = 0; i < moved.length; i++) {
                    moved[i] += 0.01f * (i % 7 - 3);
                }
                words.values().put(0, moved);
                b.parameters().get(WORDS).values().put(0, moved);
                float[] before = b.forward(TEXTS).values();
                b.parameters().get("lm_head.weight").values().put(0, TiedWeights.partnerValues(tied.ties().ties().get(0),
                        moved, words.shape()));
                float[] both = b.forward(TEXTS).values();
                assertFalse(Arrays.equals(before, both), "the output projection matters");
                assertArrayEquals(both, a.forward(TEXTS).values(), execution.toString());
            }
        }
    }

    @Test
    void exportWritesThePartnerFromTheTrainedPrimary() {
        Path dir = TinyModels.tiedMlm(tmp.resolve("tied"));
        PreparedModel tied = PreparedModel.prepare(ModelSpec.of(dir.toString()), new ModelCache(tmp.resolve("cache")));
        Parameter words = tied.parameters().get(WORDS);
        float[] moved = values(words);
        moved[3] += 0.5f;
        words.values().put(0, moved);
        Path out = tmp.resolve("out.onnx");
        OnnxFile original = OnnxFile.read(tied.files().onnx());
        OnnxExport.write(original, tied.parameters(), List.of(), tied.ties(), out);
        OnnxFile exported = OnnxFile.read(out);
        float[] head = floats(exported, "lm_head.weight");
        assertArrayEquals(moved, floats(exported, WORDS));
        assertArrayEquals(TiedWeights.partnerValues(tied.ties().ties().get(0), moved, words.shape()), head);
        assertFalse(Arrays.equals(floats(original, "lm_head.weight"), head), "the partner moved too");
        PreparedModel reloaded = PreparedModel.prepare(ModelSpec.of(out.toString())
                .withTokenizer(dir.resolve("tokenizer.json")).withKind(ModelKind.MLM),
                new ModelCache(tmp.resolve("cache")));
        assertEquals(tied.ties().ties(), reloaded.ties().ties(), "still tied bit for bit");
    }

    @Test
    void tiesLeftFrozenAreDescribedButChangeNeitherTheGraphNorItsCacheKey() {
        TiedWeights.Tie trained = new TiedWeights.Tie("a", "b", false, 6);
        TiedWeights.Tie frozen = new TiedWeights.Tie("embed", "head", true, 280);
        TiedWeights ties = new TiedWeights(List.of(trained)).withFrozen(List.of(frozen));
        assertEquals(List.of("b = copy of a (6 values)", "head = transpose of embed (280 values), frozen with it"),
                ties.describe());
        assertEquals(new TiedWeights(List.of(trained)).cacheVariant(), ties.cacheVariant());
        assertTrue(TiedWeights.NONE.withFrozen(List.of(frozen)).isEmpty(), "nothing to rewrite");
        assertEquals(List.of(frozen), TiedWeights.NONE.withFrozen(List.of(frozen)).frozen());
    }
}
