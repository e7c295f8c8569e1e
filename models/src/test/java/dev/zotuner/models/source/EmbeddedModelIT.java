package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelInfo;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import dev.zotuner.models.Representations;
import dev.zotuner.models.runtime.ForwardPass;
import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry's second model, bge-small-en-v1.5 from its langchain4j jar, loaded once for the class: its card
 * matches the graph and its settings (CLS pooling, L2 normalisation) are what the forward pass does. The
 * default model's card is checked by {@code LanguageModelIT}, which loads it anyway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedModelIT {

    private static final List<String> SENTENCES = List.of(
            "A man is playing a guitar.",
            "Someone plays an acoustic guitar on stage.",
            "The stock market fell sharply on Monday after weak earnings reports.");

    private final EmbeddedModel bge = EmbeddedModel.BGE_SMALL;
    private Path cache;
    private LanguageModel lm;

    @BeforeAll
    void load() throws IOException {
        cache = Files.createTempDirectory("zo-bge-it");
        lm = LanguageModel.load(ModelSpec.of(bge.id()).withCacheDir(cache));
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

    @Test
    void cardMatchesTheGraph() {
        ModelInfo info = lm.info();
        assertEquals(ModelKind.ENCODER, info.kind());
        assertEquals(Pooling.CLS, info.pooling());
        assertEquals(bge.card().parameters(), info.trainable());
        List<String> blocks = new ArrayList<>(List.of("embeddings"));
        for (int i = 0; i < bge.card().layers(); i++) {
            blocks.add("layer." + i);
        }
        assertEquals(blocks, info.blocks().stream().map(ModelInfo.Block::name).toList());
        assertEquals(bge.card().width(), lm.forward(SENTENCES).dim());
    }

    @Test
    void embeddingIsTheNormalisedClsStateOfTheOriginalGraph() {
        Representations pooled = lm.forward(SENTENCES);
        TokenBatch batch = lm.tokenizer().encodeBatch(SENTENCES);
        try (ForwardPass original = ForwardPass.original(lm.prepared().files().onnx(), lm.prepared().signature())) {
            OutputView states = original.run(batch);
            for (int i = 0; i < SENTENCES.size(); i++) {
                float[] cls = new float[states.width()];
                double norm = 0;
                for (int k = 0; k < cls.length; k++) {
                    cls[k] = states.get(i, 0, k);
                    norm += (double) cls[k] * cls[k];
                }
                for (int k = 0; k < cls.length; k++) {
                    cls[k] /= (float) Math.sqrt(norm);
                }
                assertArrayEquals(cls, pooled.row(i), 1e-5f, "sentence " + i);
            }
        }
    }

    @Test
    void similarSentencesAreCloser() {
        Representations r = lm.forward(SENTENCES);
        double guitars = dot(r.row(0), r.row(1));
        double unrelated = dot(r.row(0), r.row(2));
        assertTrue(guitars > unrelated + 0.2, "guitar/guitar " + guitars + " vs guitar/market " + unrelated);
    }

    @Test
    void tokenizerIsTheBertUncasedWordPieceVocabulary() {
        assertArrayEquals(new long[] {101, 7592, 2088, 102}, lm.tokenizer().encode("Hello World").ids());
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
