package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.runtime.ForwardPass;
import dev.zotuner.models.source.EmbeddedModel;
import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real default model (all-MiniLM-L6-v2 from the langchain4j jar), loaded once for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageModelIT {

    private static final List<String> SENTENCES = List.of(
            "A man is playing a guitar.",
            "Someone plays an acoustic guitar on stage.",
            "The stock market fell sharply on Monday after weak earnings reports.",
            "it's a charming and often affecting journey.",
            "unflinchingly bleak and desperate");

    private Path cache;
    private LanguageModel lm;

    @BeforeAll
    void load() throws IOException {
        cache = Files.createTempDirectory("zo-models-it");
        lm = LanguageModel.load(ModelSpec.defaults().withCacheDir(cache));
    }

    @AfterAll
    void close() throws IOException {
        lm.close();
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static float[] copy(OutputView v) {
        float[] out = new float[v.data().capacity()];
        v.data().get(0, out);
        return out;
    }

    @Test
    void hasTheExpectedTrainableParametersAndBlocks() {
        ModelInfo info = lm.info();
        assertEquals(ModelKind.ENCODER, info.kind());
        assertEquals(22_565_376L, info.trainable());
        assertEquals(EmbeddedModel.MINILM_L6.card().parameters(), info.trainable(), "the registry's card");
        assertEquals(EmbeddedModel.MINILM_L6.card().layers() + 1, info.blocks().size());
        assertEquals(List.of("embeddings", "layer.0", "layer.1", "layer.2", "layer.3", "layer.4", "layer.5"),
                info.blocks().stream().map(ModelInfo.Block::name).toList());
        assertEquals((30522 + 512 + 2) * 384 + 2 * 384, info.blocks().get(0).size());
        for (ModelInfo.Block layer : info.blocks().subList(1, 7)) {
            assertEquals(16, layer.tensors(), layer.name() + " includes its anonymised MatMul weights");
            assertEquals(4 * (384 * 384 + 384) + 384 * 1536 + 1536 + 1536 * 384 + 384 + 4 * 384, layer.size());
        }
    }

    @Test
    void weightsAsInputsEqualTheOriginalModelOnRealSentences() {
        TokenBatch batch = lm.tokenizer().encodeBatch(SENTENCES);
        try (ForwardPass original = ForwardPass.original(lm.prepared().files().onnx(), lm.prepared().signature());
             ForwardPass rewritten = ForwardPass.weightsAsInputs(lm.prepared(), null)) {
            float[] expected = copy(original.run(batch));
            float[] actual = copy(rewritten.run(batch));
            assertEquals(SENTENCES.size() * batch.length() * 384, actual.length);
            assertArrayEquals(expected, actual, 1e-5f);
        }
    }

    @Test
    void inPlaceEditChangesTheNextOutputAndRestoringRestoresItExactly() {
        float[] before = lm.forward(SENTENCES).values();
        Parameter w = lm.parameters().get("encoder.layer.2.output.LayerNorm.weight");
        float saved = w.values().get(17);
        w.values().put(17, saved * 3 + 0.5f);
        float[] edited = lm.forward(SENTENCES).values();
        assertFalse(Arrays.equals(before, edited), "the edit must reach the next forward pass");
        w.values().put(17, saved);
        assertArrayEquals(before, lm.forward(SENTENCES).values(), "restoring the weight restores the output bit for bit");
    }

    @Test
    void embeddingsAreNormalisedAndMeaningful() {
        Representations r = lm.forward(SENTENCES);
        assertEquals(384, r.dim());
        assertEquals(EmbeddedModel.MINILM_L6.card().width(), r.dim());
        for (int i = 0; i < r.count(); i++) {
            assertEquals(1.0, dot(r.row(i), r.row(i)), 1e-5);
        }
        double guitars = dot(r.row(0), r.row(1));
        double unrelated = dot(r.row(0), r.row(2));
        assertTrue(guitars > unrelated + 0.3, "guitar/guitar " + guitars + " vs guitar/market " + unrelated);
    }

    @Test
    void tokenizerIsTheBertWordPieceVocabulary() {
        assertArrayEquals(new long[] {101, 7592, 2088, 102}, lm.tokenizer().encode("Hello world").ids());
        assertEquals(103, lm.tokenizer().maskId().orElseThrow());
        assertEquals(0, lm.tokenizer().padId());
        assertEquals(30522, lm.tokenizer().vocabularySize());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
