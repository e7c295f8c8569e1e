package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.ReadPositions;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.testing.TinyTokenizers;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.models.tokenizer.Tokenizer;
import dev.zotuner.models.tokenizer.Vocabulary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardPassTest {

    @TempDir
    Path tmp;

    private static float[] copy(OutputView v) {
        float[] out = new float[v.data().capacity()];
        v.data().get(0, out);
        return out;
    }

    /** What {@code m}'s head reads (null for an encoder). */
    static ReadPositions reads(PreparedModel m) {
        return ReadPositions.of(m.kind(), Vocabulary.read(m.files().tokenizer()).maskId()).orElse(null);
    }

    /** Row r of {@code v} at {@code positions[r]}, row after row. */
    static float[] at(OutputView v, int[] positions) {
        float[] out = new float[v.batch() * v.width()];
        for (int r = 0; r < v.batch(); r++) {
            v.data().get(v.offset(r, positions[r]), out, r * v.width(), v.width());
        }
        return out;
    }

    private TokenBatch batch(PreparedModel m, String... texts) {
        try (Tokenizer t = Tokenizer.open(m.files().tokenizer(), 128)) {
            return t.encodeBatch(List.of(texts));
        }
    }

    @Test
    void weightsAsInputsEqualsTheOriginalGraphForEveryKind() {
        for (String kind : List.of("mlm", "causal", "encoder")) {
            Path dir = switch (kind) {
                case "mlm" -> TinyModels.mlm(tmp.resolve(kind));
                case "causal" -> TinyModels.causal(tmp.resolve(kind));
                default -> TinyModels.encoder(tmp.resolve(kind));
            };
            PreparedModel m = PreparedModel.prepare(ModelSpec.of(dir.toString()), new ModelCache(tmp.resolve("cache")));
            TokenBatch b = batch(m, "the movie was great", "it was not very good and i hated the plot");
            try (ForwardPass original = ForwardPass.original(m.files().onnx(), m.signature());
                 ForwardPass rewritten = ForwardPass.weightsAsInputs(m, reads(m))) {
                OutputView o = original.run(b);
                OutputView r = rewritten.run(b);
                assertEquals(2, r.batch());
                assertEquals(kind.equals("encoder") ? b.length() : 1, r.seq(), "an LM's logits at its read positions only");
                assertEquals(kind.equals("encoder") ? TinyModels.HIDDEN : TinyTokenizers.VOCAB, r.width());
                assertArrayEquals(kind.equals("encoder") ? copy(o) : at(o, r.positions()), copy(r), 1e-6f, kind);
            }
        }
    }

    @Test
    void inPlaceEditIsSeenByTheNextRunAndRestoringRestoresExactly() {
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(TinyModels.mlm(tmp.resolve("m")).toString()),
                new ModelCache(tmp.resolve("cache")));
        TokenBatch b = batch(m, "the movie was [MASK]");
        try (ForwardPass pass = ForwardPass.weightsAsInputs(m, reads(m))) {
            float[] before = copy(pass.run(b));
            Parameter w = m.parameters().get("onnx::MatMul_100");
            float saved = w.values().get(3);
            w.values().put(3, saved + 0.5f);
            float[] edited = copy(pass.run(b));
            assertFalse(Arrays.equals(before, edited), "edit must change the output");
            w.values().put(3, saved);
            assertArrayEquals(before, copy(pass.run(b)), "restoring must restore the output bit for bit");
        }
    }

    @Test
    void outputsWithADynamicWidthAreCopiedOut() {
        Path dir = TinyModels.encoder(tmp.resolve("dyn"));
        ModelProto model = TinyModels.graph("encoder", 3).build();
        ModelProto.Builder b = model.toBuilder();
        b.getGraphBuilder().getOutputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(2).clearDimValue().setDimParam("hidden");
        TinyModels.write(dir, b.build(), TinyTokenizers.bert(), "{}");
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(dir.toString()), new ModelCache(tmp.resolve("cache")));
        assertEquals(-1, m.signature().output().lastDim());
        try (ForwardPass pass = ForwardPass.weightsAsInputs(m, null)) {
            OutputView v = pass.run(batch(m, "good film", "bad"));
            assertEquals(TinyModels.HIDDEN, v.width());
            assertTrue(Float.isFinite(v.get(1, 0, 7)));
        }
    }

    @Test
    void unloadableGraphIsNamed() {
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(TinyModels.mlm(tmp.resolve("m")).toString()),
                new ModelCache(tmp.resolve("cache")));
        Path text = tmp.resolve("m/tokenizer.json");
        ModelException e = assertThrows(ModelException.class, () -> ForwardPass.original(text, m.signature()));
        assertTrue(e.getMessage().startsWith(text + ": ONNX Runtime cannot load the model"), e.getMessage());
    }
}
