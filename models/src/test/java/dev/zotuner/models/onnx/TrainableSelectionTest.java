package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainableSelectionTest {

    private static final Path FILE = Path.of("model.onnx");

    private static List<String> select(GraphProto g, String pattern) {
        Map<String, String> blocks = BlockNames.assign(g, g.getInitializerList().stream().map(TensorProto::getName).toList());
        return TrainableSelection.select(g.getInitializerList(), blocks, pattern, FILE).stream()
                .map(TensorProto::getName).toList();
    }

    private static GraphProto withInt8() {
        return TinyModels.graph("encoder", 3)
                .initializer("encoder.layer.1.quant.weight", TensorProto.DataType.INT8_VALUE, new byte[8], 8)
                .build().getGraph();
    }

    @Test
    void defaultIsEveryFloatWeightButNotIndexTensorsScalarsOrInt8() {
        List<String> all = select(withInt8(), null);
        assertEquals(List.of("embeddings.token_type_embeddings.weight", "encoder.layer.0.dense.bias",
                "encoder.layer.1.dense.weight", "encoder.layer.1.dense.bias", "embeddings.word_embeddings.weight",
                "onnx::MatMul_100"), all);
    }

    @Test
    void patternIsSearchedInBlockSlashName() {
        GraphProto g = TinyModels.graph("mlm", 1).build().getGraph();
        assertEquals(List.of("encoder.layer.0.dense.bias", "onnx::MatMul_100"), select(g, "^layer\\.0/"));
        assertEquals(List.of("lm_head.weight", "lm_head.bias"), select(g, "^rest/"));
        assertTrue(select(g, "^(?!embeddings/)").stream().noneMatch(n -> n.startsWith("embeddings")));
        assertEquals(List.of("encoder.layer.1.dense.weight"), select(g, "layer\\.1\\.dense\\.weight$"));
    }

    @Test
    void patternSelectingNonFloatWeightsIsAnError() {
        ModelException e = assertThrows(ModelException.class, () -> select(withInt8(), "^layer\\.1/"));
        assertEquals("tensor encoder.layer.1.quant.weight in model.onnx matched by --trainable '^layer\\.1/' is INT8; "
                + "only FLOAT (float32) weights can be trained", e.getMessage());
    }

    @Test
    void patternMatchingNothingOrInvalidIsAnError() {
        GraphProto g = TinyModels.graph("mlm", 1).build().getGraph();
        ModelException none = assertThrows(ModelException.class, () -> select(g, "decoder"));
        assertTrue(none.getMessage().startsWith("--trainable 'decoder' matches no FLOAT weight in model.onnx"), none.getMessage());
        ModelException axesOnly = assertThrows(ModelException.class, () -> select(g, "axes_2"));
        assertTrue(axesOnly.getMessage().contains("matches no FLOAT weight"), "index tensors are never weights");
        ModelException bad = assertThrows(ModelException.class, () -> select(g, "layer.(0"));
        assertTrue(bad.getMessage().startsWith("--trainable 'layer.(0': invalid regex"), bad.getMessage());
    }
}
