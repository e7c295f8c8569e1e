package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    @Test
    void namesNodesAndOutputsAsTorchOnnxExportDoes() {
        GraphBuilder g = new GraphBuilder("main_graph", 10);
        assertEquals("/bert/Unsqueeze_output_0", g.op("/bert", "Unsqueeze", List.of("a", "b")));
        assertEquals("/bert/Unsqueeze_1_output_0", g.op("/bert", "Unsqueeze", List.of("a", "c")));
        assertEquals("/bert/embeddings/Unsqueeze_output_0", g.op("/bert/embeddings", "Unsqueeze", List.of("a", "c")));
        assertEquals("logits", g.opTo("logits", "/lm_head", "MatMul", List.of("x", "w")));
        GraphProto graph = g.build().graph();
        assertEquals(List.of("/bert/Unsqueeze", "/bert/Unsqueeze_1", "/bert/embeddings/Unsqueeze", "/lm_head/MatMul"),
                graph.getNodeList().stream().map(n -> n.getName()).toList());
        assertEquals("main_graph", graph.getName());
    }

    @Test
    void constantsAreConstantNodesNotInitializers() {
        GraphBuilder g = new GraphBuilder("g", 1);
        String c = g.ints("/model", 0, 0, 4, 8);
        String f = g.float32("/model", 0.125f);
        GraphBuilder.Built b = g.build();
        assertEquals("/model/Constant_output_0", c);
        assertEquals("/model/Constant_1_output_0", f);
        assertEquals(0, b.weights().size());
        TensorProto t = b.graph().getNode(0).getAttribute(0).getT();
        assertEquals(TensorProto.DataType.INT64_VALUE, t.getDataType());
        assertEquals(List.of(4L), t.getDimsList());
        assertEquals(0, b.graph().getNode(1).getAttribute(0).getT().getDimsCount(), "a scalar");
    }

    @Test
    void anonymousWeightsAreNumberedAndNamesAreUnique() {
        GraphBuilder g = new GraphBuilder("g", 1234);
        assertEquals("onnx::MatMul_1234", g.anonymousWeight("MatMul", WeightInit.normal(), 2, 2));
        assertEquals("onnx::MatMul_1235", g.anonymousWeight("MatMul", WeightInit.normal(), 2, 2));
        g.weight("a.bias", WeightInit.zeros(), 2);
        assertThrows(IllegalStateException.class, () -> g.weight("a.bias", WeightInit.zeros(), 2));
        assertThrows(IllegalStateException.class, () -> g.spec("nope"));
        assertEquals(List.of("onnx::MatMul_1234", "onnx::MatMul_1235", "a.bias"),
                g.build().weights().stream().map(WeightSpec::name).toList());
    }

    @Test
    void inputsAndOutputsCarrySymbolicAndFixedDims() {
        GraphBuilder g = new GraphBuilder("g", 1);
        g.input("input_ids", TensorProto.DataType.INT64_VALUE, "batch_size", "sequence_length");
        g.output("logits", TensorProto.DataType.FLOAT_VALUE, "batch_size", "sequence_length", 50272);
        GraphProto graph = g.build().graph();
        assertEquals("batch_size", graph.getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(50272, graph.getOutput(0).getType().getTensorType().getShape().getDim(2).getDimValue());
    }
}
