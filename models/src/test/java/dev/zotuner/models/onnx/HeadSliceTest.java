package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.testing.TinyTokenizers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph rewrite; what sliced graphs compute, against the whole ones, is checked through the models that run them
 * ({@code LanguageModelTest}).
 */
class HeadSliceTest {

    @TempDir
    Path tmp;

    private static OnnxFile file(ModelProto model) {
        return new OnnxFile(Path.of("m.onnx"), model, "sha");
    }

    private static HeadSlice slice(ModelProto model, ModelKind kind) {
        OnnxFile f = file(model);
        return HeadSlice.of(f, kind, GraphSignature.of(model.getGraph(), f.path()).output());
    }

    @Test
    void theTinyMaskedLmGathersTheLastLayersOutputBeforeItsScaleAndHead() {
        HeadSlice s = slice(TinyModels.graph("mlm", 1).build(), ModelKind.MLM);
        assertEquals("x2", s.cut(), "the last node named into a layer is /encoder/layer.1/Tanh");
        assertEquals(List.of("/Mul_1", "/lm_head/MatMul", "/lm_head/Add"), s.nodes());
        GraphProto g = s.file().proto().getGraph();
        ValueInfoProto positions = g.getInputList().stream().filter(v -> v.getName().equals(HeadSlice.INPUT)).findFirst()
                .orElseThrow();
        assertEquals("INT64 [batch, 1, 1]", TensorSpec.of(positions).type() + " " + TensorSpec.of(positions).dims());
        assertEquals(List.of("batch", "1", Integer.toString(TinyTokenizers.VOCAB)),
                TensorSpec.of(g.getOutput(0)).dims(), "logits [batch, 1, vocab]");
        int gather = indexOf(g, "zo_head/GatherND");
        NodeProto node = g.getNode(gather);
        assertEquals(List.of("x2", HeadSlice.INPUT), node.getInputList());
        assertEquals(1, node.getAttribute(0).getI(), "batch_dims = 1");
        assertEquals(gather + 1, indexOf(g, "/Mul_1"), "right before the head, after what it gathers");
        assertEquals(List.of("zo_head/gathered", "output_scale"), g.getNode(gather + 1).getInputList());
        assertEquals(g.getNodeCount() - 1, g.getNodeList().stream().filter(n -> !n.getName().startsWith("zo_head/"))
                .count(), "one node added, none removed");
        assertEquals(BlockNames.REST, BlockNames.fromName(node.getName()).orElseThrow(), "the gather belongs to the head");
        assertTrue(s.cacheVariant().startsWith("head-slice/1 x2 → /Mul_1"), s.cacheVariant());
        assertEquals("logits at the mask token only: zo_positions gathers x2 before 3 head nodes (/Mul_1 … /lm_head/Add)",
                s.describe());
    }

    @Test
    void aCausalLmReadsItsLastTokenAndAnEncoderKeepsItsGraph() {
        HeadSlice causal = slice(TinyModels.graph("causal", 2).build(), ModelKind.CAUSAL);
        assertEquals("x2", causal.cut());
        assertTrue(causal.describe().startsWith("logits at the last real token only"), causal.describe());
        ModelProto encoder = TinyModels.graph("encoder", 3).build();
        HeadSlice none = slice(encoder, ModelKind.ENCODER);
        assertTrue(none.isEmpty());
        assertEquals(encoder, none.file().proto());
        assertEquals("", none.cacheVariant());
        assertEquals("", none.describe(), "an encoder has no logits to place");
    }

    @Test
    void withoutAPositionWiseHeadOrBatchDimsTheLogitsStayWhole() {
        ModelProto mlm = TinyModels.graph("mlm", 1).build();
        ModelProto old = mlm.toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(11)).build();
        assertTrue(slice(old, ModelKind.MLM).isEmpty(), "GatherND has batch_dims from opset 12");
        assertEquals("logits at every position", slice(old, ModelKind.MLM).describe());
        ModelProto mixed = renameNode(mlm, "/lm_head/Add", "/encoder/layer.1/lm_head/Add");
        assertTrue(slice(mixed, ModelKind.MLM).isEmpty(), "the producer of the logits belongs to a layer");
        ModelProto alsoOut = mlm.toBuilder().setGraph(mlm.getGraph().toBuilder()
                .addOutput(ValueInfoProto.newBuilder().setName("l"))).build();
        HeadSlice s = slice(alsoOut, ModelKind.MLM);
        assertEquals("l", s.cut(), "a value another output reads stays whole: only what follows it is sliced");
        assertEquals(List.of("/lm_head/Add"), s.nodes());
        ModelProto readTwice = mlm.toBuilder().setGraph(mlm.getGraph().toBuilder()
                .addNode(NodeProto.newBuilder().setOpType("Softmax").setName("/probs").addInput("logits").addOutput("p"))
                .addOutput(ValueInfoProto.newBuilder().setName("p"))).build();
        assertTrue(slice(readTwice, ModelKind.MLM).isEmpty(), "another output is computed from the logits themselves");
        HeadSlice none = HeadSlice.none(file(mlm), ModelKind.MLM);
        assertTrue(none.isEmpty());
        assertEquals("logits at every position", none.describe());
    }

    @Test
    void aPreparedModelIsSlicedUnlessItsSpecSaysNotAndBothGraphsAreCachedApart() {
        Path dir = TinyModels.mlm(tmp.resolve("mlm"));
        ModelCache cache = new ModelCache(tmp.resolve("cache"));
        PreparedModel sliced = PreparedModel.prepare(ModelSpec.of(dir.toString()), cache);
        PreparedModel whole = PreparedModel.prepare(ModelSpec.of(dir.toString()).withSliceHead(false), cache);
        assertFalse(sliced.head().isEmpty());
        assertTrue(whole.head().isEmpty());
        assertNotEquals(sliced.rewritten(), whole.rewritten());
        assertTrue(sliced.rewrittenGraph().getGraph().getInputList().stream()
                .anyMatch(v -> v.getName().equals(HeadSlice.INPUT)));
        assertFalse(whole.rewrittenGraph().getGraph().getInputList().stream()
                .anyMatch(v -> v.getName().equals(HeadSlice.INPUT)), "a run made before the slice runs the graph it ran");
        assertTrue(whole.rewrittenGraph().getGraph().getNodeList().stream().noneMatch(n -> n.getName().startsWith("zo_head/")));
        assertEquals(sliced.signature(), whole.signature(), "the model's own inputs and outputs, as declared");
        assertEquals(sliced.parameters().size(), whole.parameters().size());
    }

    private static int indexOf(GraphProto g, String name) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no node " + name);
    }

    private static ModelProto renameNode(ModelProto model, String from, String to) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals(from)) {
                g.setNode(i, g.getNode(i).toBuilder().setName(to));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }
}
