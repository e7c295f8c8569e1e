package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.testing.TinyGraph;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlama.Layout;
import dev.zotuner.models.testing.TinyLlamaLayers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptTiesTest {

    @TempDir
    Path tmp;

    private static final String EMBED = TinyLlamaLayers.EMBED;
    private static final String HEAD = TinyLlamaLayers.LM_HEAD;

    private OnnxFile llama(boolean tied) {
        return OnnxFile.read(TinyLlama.write(tmp.resolve("llama-" + tied), Layout.PLAIN, tied).resolve("model.onnx"));
    }

    private static Map<String, String> blocks(OnnxFile f) {
        GraphProto g = f.proto().getGraph();
        return BlockNames.assign(g, g.getInitializerList().stream().map(TensorProto::getName).toList());
    }

    private static List<TensorProto> chosen(OnnxFile f, Predicate<String> names) {
        return f.proto().getGraph().getInitializerList().stream()
                .filter(t -> TrainableSelection.isFloatWeight(t) && names.test(t.getName())).toList();
    }

    private static List<String> names(KeptTies k) {
        return k.tensors().stream().map(TensorProto::getName).toList();
    }

    @Test
    void aTiedHeadChosenWithoutItsEmbeddingStaysFrozenWithIt() {
        OnnxFile f = llama(true);
        Map<String, String> blocks = blocks(f);
        List<TensorProto> top1 = chosen(f, n -> blocks.get(n).equals("layer.1") || blocks.get(n).equals("rest"));
        KeptTies kept = KeptTies.apply(f, blocks, top1);
        assertEquals(names(new KeptTies(top1, List.of())).stream().filter(n -> !n.equals(HEAD)).toList(), names(kept));
        assertEquals(List.of(new TiedWeights.Tie(EMBED, HEAD, true, TinyLlama.EMBEDDING_PARAMETERS)), kept.frozen());
        assertEquals(TinyLlama.LAYER_PARAMETERS + TinyLlama.HIDDEN,
                kept.tensors().stream().mapToLong(TensorData::elementCount).sum());
    }

    @Test
    void aChosenEmbeddingBringsItsTiedHeadAlong() {
        OnnxFile f = llama(true);
        KeptTies kept = KeptTies.apply(f, blocks(f), chosen(f, EMBED::equals));
        assertEquals(List.of(EMBED, HEAD), names(kept), "in graph order; TiedWeights then trains them as one");
        assertEquals(List.of(), kept.frozen());
    }

    @Test
    void choosingOnlyTheTiedHeadIsAOneLineError() {
        OnnxFile f = llama(true);
        ModelException e = assertThrows(ModelException.class, () -> KeptTies.apply(f, blocks(f), chosen(f, HEAD::equals)));
        assertEquals(f.path() + ": every tensor chosen to train is tied to a frozen one (" + HEAD + " = transpose of "
                + EMBED + " (280 values)); choose its primary too, or pass --untie-weights to train it alone", e.getMessage());
    }

    @Test
    void withoutTiesOrWithoutFrozenWeightsTheChoiceStands() {
        OnnxFile untied = llama(false);
        Map<String, String> blocks = blocks(untied);
        List<TensorProto> top1 = chosen(untied, n -> !blocks.get(n).equals("layer.0") && !blocks.get(n).equals("embeddings"));
        assertEquals(top1, KeptTies.apply(untied, blocks, top1).tensors());
        OnnxFile tied = llama(true);
        List<TensorProto> all = chosen(tied, n -> true);
        assertEquals(all, KeptTies.apply(tied, blocks(tied), all).tensors());
    }

    @Test
    void aTieOfSeveralMembersFollowsItsFirstMemberInForwardOrderEachWithItsOrientation() {
        float[] w = {1, 2, 3, 4, 5, 6};
        int f32 = TensorProto.DataType.FLOAT_VALUE;
        ModelProto m = new TinyGraph(0).initializer("model.embed_tokens.weight", f32, bytes(w), 2, 3)
                .initializer("lm_head.weight", f32, bytes(w), 2, 3)
                .initializer("layers.0.proj", f32, bytes(new float[] {1, 4, 2, 5, 3, 6}), 3, 2)
                .initializer("layers.0.other", f32, bytes(new float[] {9, 8, 7, 6, 5, 4}), 3, 2).build();
        OnnxFile f = new OnnxFile(tmp.resolve("m.onnx"), m, "h");
        Map<String, String> blocks = Map.of("model.embed_tokens.weight", "embeddings", "lm_head.weight", "rest",
                "layers.0.proj", "layer.0", "layers.0.other", "layer.0");
        KeptTies kept = KeptTies.apply(f, blocks, chosen(f, n -> !n.startsWith("model.")));
        assertEquals(List.of("layers.0.other"), names(kept));
        assertEquals(List.of(new TiedWeights.Tie("model.embed_tokens.weight", "layers.0.proj", true, 6),
                new TiedWeights.Tie("model.embed_tokens.weight", "lm_head.weight", false, 6)), kept.frozen());
        assertEquals(List.of("model.embed_tokens.weight", "lm_head.weight", "layers.0.proj"),
                names(KeptTies.apply(f, blocks, chosen(f, "model.embed_tokens.weight"::equals))));
    }

    @Test
    void loraMayAdaptOnlyUntiedWeights() {
        Predicate<String> untied = KeptTies.untied(llama(true));
        assertFalse(untied.test(HEAD));
        assertFalse(untied.test(EMBED));
        assertTrue(untied.test(TinyLlamaLayers.projection(0, "q_proj")));
        assertTrue(KeptTies.untied(llama(false)).test(HEAD));
        assertTrue(untied.test("no such tensor"));
    }

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }
}
