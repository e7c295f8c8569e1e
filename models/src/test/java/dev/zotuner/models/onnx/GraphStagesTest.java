package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphStagesTest {

    private static final Path FILE = Path.of("tiny.onnx");

    /** The tiny MLM's graph with every weight still an initializer (all frozen). */
    private static GraphStages frozen(String kind) {
        return GraphStages.of(TinyModels.graph(kind, 1).build().getGraph(), Map.of(),
                kind.equals("encoder") ? "last_hidden_state" : "logits", FILE);
    }

    private static Map<String, Integer> stageByNode(GraphStages stages) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < stages.graph().getNodeCount(); i++) {
            out.put(stages.graph().getNode(i).getName(), stages.stageOf(i));
        }
        return out;
    }

    @Test
    void nodesFallInTheLatestStageTheirNameWeightsOrInputsPointTo() {
        GraphStages stages = frozen("mlm");
        assertEquals(java.util.List.of("embeddings", "layer.0", "layer.1", "rest"), stages.stageNames());
        Map<String, Integer> s = stageByNode(stages);
        assertEquals(0, s.get("/embeddings/word_embeddings/Gather"));
        assertEquals(0, s.get("/Mul"), "unnamed, reads the embedding output: stays in the embeddings stage");
        assertEquals(1, s.get("/encoder/layer.0/dense/MatMul"), "anonymised weight: the node's name decides");
        assertEquals(2, s.get("/Mul_1"), "the scale after layer.1 belongs to it");
        assertEquals(3, s.get("/lm_head/MatMul"), "reads a rest weight");
    }

    @Test
    void tokenOnlyArithmeticIsSharedNotCut() {
        Map<String, Integer> s = stageByNode(frozen("mlm"));
        assertEquals(GraphStages.SHARED, s.get("/Cast"));
        assertEquals(GraphStages.SHARED, s.get("/Unsqueeze"));
        assertEquals(GraphStages.SHARED, s.get("/ReduceSum_1"), "the mask count reads only the mask");
    }

    @Test
    void theFirstReaderOfATrainableWeightBoundsWhatStaysFixed() {
        GraphStages stages = frozen("mlm");
        assertEquals(2, stages.firstReader(Set.of("encoder.layer.1.dense.bias")));
        assertEquals(0, stages.firstReader(Set.of("lm_head.bias", "embeddings.word_embeddings.weight")));
        assertEquals(4, stages.firstReader(Set.of("not a tensor")), "nothing read: every stage stays fixed");
    }

    @Test
    void nodesTheOutputDoesNotNeedAreDropped() {
        GraphProto g = TinyModels.graph("encoder", 3).build().getGraph().toBuilder()
                .addNode(NodeProto.newBuilder().setOpType("Tanh").setName("/pooler/Tanh").addInput("x3").addOutput("pooled"))
                .build();
        GraphStages stages = GraphStages.of(g, Map.of(), "last_hidden_state", FILE);
        assertEquals(-2, stages.stageOf(g.getNodeCount() - 1));
    }

    @Test
    void aReadOfAnUnknownTensorIsAOneLineError() {
        GraphProto g = TinyModels.graph("mlm", 1).build().getGraph().toBuilder()
                .addNode(0, NodeProto.newBuilder().setOpType("Relu").setName("/early").addInput("x2").addOutput("y"))
                .build();
        ModelException e = assertThrows(ModelException.class, () -> GraphStages.of(g, Map.of(), "logits", FILE));
        assertTrue(e.getMessage().startsWith("tiny.onnx: node '/early' reads 'x2'"), e.getMessage());
    }
}
