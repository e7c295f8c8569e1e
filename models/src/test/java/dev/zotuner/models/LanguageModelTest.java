package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.synth.ExportLayout;
import dev.zotuner.models.synth.GeneratorProgress;
import dev.zotuner.models.synth.ModelGenerator;
import dev.zotuner.models.synth.ModelShape;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlama.Layout;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.testing.TinyTokenizers;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** A model directory and the texts its head reads. */
    private record Case(String name, Path dir, List<String> texts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<String> MASKED = List.of("the movie was [MASK]", "[MASK] : it was a long and boring film",
            "great film , it was [MASK] .", "the movie was [MASK]");
    private static final List<String> CAUSAL = List.of("it was", "the story was really very boring and", "ok",
            "a great film , it was");

    /** Tiny models of every head the project meets: tied or not, LayerNorm or RMSNorm, plain or merged decoder. */
    private List<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(new Case("mlm", TinyModels.mlm(tmp.resolve("mlm")), MASKED),
                new Case("tied mlm", TinyModels.tiedMlm(tmp.resolve("tied")), MASKED),
                new Case("causal", TinyModels.causal(tmp.resolve("causal")), CAUSAL),
                new Case("llama tied", TinyLlama.write(tmp.resolve("llama"), Layout.PLAIN, true), CAUSAL),
                new Case("llama merged tied", TinyLlama.write(tmp.resolve("merged"), Layout.MERGED, true), CAUSAL),
                new Case("llama with past", TinyLlama.write(tmp.resolve("past"), Layout.WITH_PAST, false), CAUSAL)));
        for (String shape : List.of("bert-tiny", "roberta-tiny", "opt-tiny", "llama-tiny")) {
            Path dir = tmp.resolve(shape);
            ModelGenerator.generate(ModelShape.named(shape), ExportLayout.INLINE, dir, 3, GeneratorProgress.NONE);
            List<String> texts = shape.startsWith("bert") ? MASKED : shape.startsWith("roberta")
                    ? MASKED.stream().map(t -> t.replace("[MASK]", "<mask>")).toList() : CAUSAL;
            cases.add(new Case(shape, dir, texts));
        }
        return cases;
    }

    /** The heads' representations of {@code texts} with the head sliced and whole, after {@code edit} of θ in each. */
    private float[][] slicedAndWhole(ModelSpec spec, List<String> texts, java.util.function.Consumer<LanguageModel> edit) {
        float[][] out = new float[2][];
        for (boolean slice : new boolean[] {true, false}) {
            try (LanguageModel lm = LanguageModel.load(spec.withSliceHead(slice).withCacheDir(tmp.resolve("cache")))) {
                assertEquals(slice, !lm.prepared().head().isEmpty(), spec.model());
                edit.accept(lm);
                TokenBatch batch = lm.tokenizer().encodeBatch(texts);
                OutputView raw = lm.forwardOutput(batch);
                assertEquals(slice ? 1 : batch.length(), raw.seq(), "logits at the read positions only, or everywhere");
                out[slice ? 0 : 1] = lm.forward(texts).values();
                lm.forward(texts);   // a second pass reuses the buffers (and a prefix cache)
                assertArrayEquals(out[slice ? 0 : 1], lm.forward(texts).values(), "the same pass twice, bit for bit");
            }
        }
        return out;
    }

    private static void assertClose(float[][] both, String what) {
        assertEquals(both[1].length, both[0].length, what);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < both[0].length; i++) {
            diff = Math.max(diff, Math.abs((double) both[0][i] - both[1][i]));
            scale = Math.max(scale, Math.abs(both[1][i]));
        }
        assertTrue(diff <= 1e-5 * scale, what + ": sliced and whole heads differ by " + diff + " (scale " + scale + ")");
    }

    @Test
    void aSlicedHeadReadsWhatTheWholeHeadReadsAtEveryReadPosition() {
        for (Case c : cases()) {
            assertClose(slicedAndWhole(ModelSpec.of(c.dir().toString()), c.texts(), lm -> { }), c.name());
            assertClose(slicedAndWhole(ModelSpec.of(c.dir().toString()), c.texts(), lm -> {
                for (Parameter p : lm.parameters().parameters()) {   // θ moved: the head's weights are read as inputs
                    for (int i = 0; i < p.size(); i += 3) {
                        p.values().put(i, p.values().get(i) * 1.25f + 0.01f);
                    }
                }
            }), c.name() + ", θ edited");
        }
    }

    @Test
    void aSlicedHeadReadsTheSameWithAPrefixCacheSplitStagesAndLora() {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        Path causal = TinyModels.causal(tmp.resolve("causal"));
        Path llama = TinyLlama.write(tmp.resolve("merged"), Layout.MERGED, true);
        for (Case c : List.of(new Case("mlm", mlm, MASKED), new Case("causal", causal, CAUSAL),
                new Case("llama merged", llama, CAUSAL))) {
            ModelSpec spec = ModelSpec.of(c.dir().toString());
            ModelSpec cached = spec.withTopLayers(1).withExecution(Execution.defaults());
            try (LanguageModel lm = LanguageModel.load(cached.withCacheDir(tmp.resolve("cache")))) {
                assertTrue(lm.execution().contains("frozen prefix cached"), lm.execution());
            }
            assertClose(slicedAndWhole(cached, c.texts(), lm -> { }), c.name() + " with a prefix cache");
            assertClose(slicedAndWhole(spec.withExecution(Execution.whole().withSplitBlocks(true)), c.texts(),
                    lm -> { }), c.name() + " in per-block stages");
            String targets = c.name().startsWith("llama") ? "q_proj|v_proj" : "dense$";
            assertClose(slicedAndWhole(spec.withPeft(Peft.lora(2, 4, targets, 5)), c.texts(), lm -> {
                for (Parameter p : lm.parameters().parameters()) {   // B away from zero, so the adapters count
                    p.values().put(0, p.values().get(0) + 0.5f);
                }
            }), c.name() + " with LoRA");
        }
    }

    @Test
    void aRowWithoutAMaskIsAnErrorWithTheSlicedHeadAsWithTheWholeOneAndItsRawOutputHoldsPositionZero() {
        Path dir = TinyModels.mlm(tmp.resolve("mlm"));
        for (boolean slice : new boolean[] {true, false}) {
            try (LanguageModel lm = LanguageModel.load(ModelSpec.of(dir.toString()).withSliceHead(slice)
                    .withCacheDir(tmp.resolve("cache")))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> lm.forward(List.of("the movie was [MASK]", "no mask here")));
                assertEquals("example 1 has no mask token (id 4)", e.getMessage());
                OutputView raw = lm.forwardOutput(lm.tokenizer().encodeBatch(List.of("no mask here", "was [MASK]")));
                if (slice) {
                    assertArrayEquals(new int[] {0, 2}, raw.positions(), "no mask: 0; [CLS] was [MASK]: 2");
                }
                assertEquals(ReadPositions.mask(4), lm.readPositions().orElseThrow());
            }
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
