package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentGraphTest {

    private static final TypeProto FLOAT = TypeProto.newBuilder()
            .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)).build();

    @Test
    void aSuffixReadsTheCutAndRepeatsTheMaskArithmetic() {
        ModelProto model = TinyModels.graph("mlm", 1).build();
        GraphStages stages = GraphStages.of(model.getGraph(), Map.of(), "logits", Path.of("tiny.onnx"));
        SegmentGraph prefix = SegmentGraph.of(model, stages, 0, 1, Map.of());
        assertEquals(List.of("x0"), prefix.outputs(), "the embeddings stage hands layer.0 its hidden state");
        assertEquals(List.of("input_ids", "attention_mask"), prefix.inputs());
        SegmentGraph suffix = SegmentGraph.of(model, stages, 1, 4, Map.of("x0", FLOAT));
        assertEquals(List.of("x0"), suffix.cutIn());
        assertEquals(List.of("logits"), suffix.outputs());
        List<String> nodes = suffix.model().getGraph().getNodeList().stream().map(NodeProto::getName).toList();
        assertTrue(nodes.contains("/encoder/layer.1/dense/MatMul") && nodes.contains("/lm_head/Add"), nodes.toString());
        assertTrue(!nodes.contains("/embeddings/word_embeddings/Gather"), "upstream nodes stay upstream");
        List<String> weights = suffix.model().getGraph().getInitializerList().stream().map(TensorProto::getName).toList();
        assertTrue(weights.contains("lm_head.weight") && !weights.contains("embeddings.word_embeddings.weight"),
                weights.toString());
        assertEquals(model.getOpsetImportList(), suffix.model().getOpsetImportList());
    }

    @Test
    void sharedNodesGoWhereTheyAreRead() {
        ModelProto model = TinyModels.graph("encoder", 3).build();
        GraphStages stages = GraphStages.of(model.getGraph(), Map.of(), "last_hidden_state", Path.of("tiny.onnx"));
        SegmentGraph embeddings = SegmentGraph.of(model, stages, 0, 1, Map.of());
        List<String> nodes = embeddings.model().getGraph().getNodeList().stream().map(NodeProto::getName).toList();
        assertTrue(nodes.containsAll(List.of("/Cast", "/Unsqueeze", "/ReduceSum_1")), "the masked mean's mask: " + nodes);
        SegmentGraph layers = SegmentGraph.of(model, stages, 1, 3, Map.of("x0", FLOAT));
        assertEquals(List.of("x0"), layers.inputs(), "the layers read neither tokens nor the mask");
    }
}
