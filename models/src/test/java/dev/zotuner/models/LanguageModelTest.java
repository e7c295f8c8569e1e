package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.testing.TinyTokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelTest {

    @TempDir
    Path tmp;

    private LanguageModel load(Path dir) {
        return LanguageModel.load(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache")));
    }

    @Test
    void maskedLmReadsTheMaskPositionAndDependsOnContext() {
        try (LanguageModel lm = load(TinyModels.mlm(tmp.resolve("mlm")))) {
            assertEquals(ModelKind.MLM, lm.kind());
            assertEquals(TinyModels.MLM_PARAMETERS, lm.parameters().size());
            Representations r = lm.forward(List.of("the movie was [MASK]", "the film was [MASK] and boring",
                    "the movie was [MASK]"));
            assertEquals(TinyTokenizers.VOCAB, r.dim());
            assertArrayEquals(r.row(0), r.row(2), "same text, same logits, whatever the padding");
            assertFalse(Arrays.equals(r.row(0), r.row(1)), "context changes the mask logits");
            int great = lm.tokenizer().tokenId("great").orElseThrow();
            int bad = lm.tokenizer().tokenId("bad").orElseThrow();
            Representations two = lm.forward(lm.tokenizer().encodeBatch(List.of("the movie was [MASK]")), new int[] {great, bad});
            assertArrayEquals(new float[] {r.get(0, great), r.get(0, bad)}, two.values());
        }
    }

    @Test
    void causalLmReadsTheLastRealTokenRegardlessOfPadding() {
        try (LanguageModel lm = load(TinyModels.causal(tmp.resolve("causal")))) {
            assertEquals(ModelKind.CAUSAL, lm.kind());
            Representations alone = lm.forward(List.of("it was"));
            Representations padded = lm.forward(List.of("it was", "the story was really very boring"));
            assertArrayEquals(alone.row(0), padded.row(0), 1e-6f);
            assertFalse(Arrays.equals(padded.row(0), padded.row(1)));
        }
    }

    @Test
    void encoderPoolsAndPoolingCanBeChosen() {
        Path dir = TinyModels.encoder(tmp.resolve("enc"));
        float[] mean;
        try (LanguageModel lm = load(dir)) {
            assertEquals(ModelKind.ENCODER, lm.kind());
            assertEquals(Pooling.MEAN, lm.info().pooling());
            Representations r = lm.forward(List.of("good film"));
            assertEquals(TinyModels.HIDDEN, r.dim());
            mean = r.row(0);
        }
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(dir.toString()).withPooling(Pooling.CLS)
                .withCacheDir(tmp.resolve("cache")))) {
            assertFalse(Arrays.equals(mean, lm.forward(List.of("good film")).row(0)));
        }
    }

    @Test
    void inPlaceEditsAreSeenAndSnapshotsRestoreExactly() {
        try (LanguageModel lm = load(TinyModels.encoder(tmp.resolve("enc")))) {
            List<String> texts = List.of("i loved this movie", "worst plot ever");
            float[] before = lm.forward(texts).values();
            float[] theta = lm.parameters().snapshot();
            Parameter bias = lm.parameters().get("encoder.layer.1.dense.bias");
            bias.values().put(0, bias.values().get(0) + 1f);
            assertFalse(Arrays.equals(before, lm.forward(texts).values()));
            lm.parameters().restore(theta);
            assertArrayEquals(before, lm.forward(texts).values());
        }
    }

    @Test
    void maskedLmNeedsAMaskToken() throws IOException {
        Path dir = TinyModels.mlm(tmp.resolve("mlm"));
        Files.writeString(dir.resolve("tokenizer.json"), TinyTokenizers.gpt());
        ModelException e = assertThrows(ModelException.class, () -> load(dir));
        assertTrue(e.getMessage().contains("no mask token"), e.getMessage());
    }
}
