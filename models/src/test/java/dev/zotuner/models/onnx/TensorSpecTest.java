package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import dev.zotuner.models.testing.TinyModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorSpecTest {

    @Test
    void readsNamesTypesAndSymbolicDims() {
        GraphProto g = TinyModels.graph("mlm", 1).build().getGraph();
        TensorSpec ids = TensorSpec.of(g.getInput(0));
        assertEquals(new TensorSpec("input_ids", "INT64", List.of("batch", "seq")), ids);
        assertEquals(-1, ids.lastDim());
        TensorSpec logits = TensorSpec.of(g.getOutput(0));
        assertEquals(35, logits.lastDim());
        assertEquals("logits FLOAT [batch, seq, 35]", logits.toString());
    }
}
