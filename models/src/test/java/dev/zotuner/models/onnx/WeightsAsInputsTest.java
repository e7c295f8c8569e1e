package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsAsInputsTest {

    @TempDir
    Path tmp;

    private static List<TensorProto> trainable(OnnxFile f, String pattern) {
        GraphProto g = f.proto().getGraph();
        Map<String, String> blocks = BlockNames.assign(g, g.getInitializerList().stream().map(TensorProto::getName).toList());
        return TrainableSelection.select(g.getInitializerList(), blocks, pattern, f.path());
    }

    @Test
    void trainableInitializersBecomeTypedInputsAndFrozenOnesStay() {
        OnnxFile f = OnnxFile.read(TinyModels.mlm(tmp.resolve("m")).resolve("model.onnx"));
        List<TensorProto> weights = trainable(f, "^layer\\.");
        GraphProto g = WeightsAsInputs.rewrite(f, weights).getGraph();
        Set<String> initializers = g.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
        Map<String, ValueInfoProto> inputs = g.getInputList().stream()
                .collect(Collectors.toMap(ValueInfoProto::getName, v -> v));
        for (TensorProto w : weights) {
            assertFalse(initializers.contains(w.getName()), w.getName());
            ValueInfoProto in = inputs.get(w.getName());
            assertEquals(TensorProto.DataType.FLOAT_VALUE, in.getType().getTensorType().getElemType());
            assertEquals(w.getDimsList(), in.getType().getTensorType().getShape().getDimList().stream()
                    .map(d -> d.getDimValue()).toList());
        }
        assertTrue(initializers.containsAll(Set.of("embeddings.word_embeddings.weight", "lm_head.weight", "axes_2", "output_scale")));
        assertEquals(f.proto().getGraph().getNodeList(), g.getNodeList());
        assertEquals(2 + weights.size(), g.getInputCount());
    }

    @Test
    void frozenWeightsStayInTheirFilesAndShapeDataIsInlined() {
        Path dir = TinyModels.externalData(tmp.resolve("e"));
        OnnxFile f = OnnxFile.read(dir.resolve("model.onnx"));
        ModelProto rewritten = WeightsAsInputs.rewrite(f, trainable(f, "^layer\\."));
        Map<String, TensorProto> byName = new HashMap<>();
        rewritten.getGraph().getInitializerList().forEach(t -> byName.put(t.getName(), t));
        for (String large : List.of("embeddings.word_embeddings.weight", "lm_head.weight")) {
            TensorProto t = byName.get(large);
            assertTrue(TensorData.isExternal(t), large + " is read by ONNX Runtime from the original data file");
            assertEquals(dir.resolve("weights.bin").toAbsolutePath(), ExternalData.of(t, dir).file());
        }
        TensorProto axes = byName.get("axes_2");
        assertFalse(TensorData.isExternal(axes), "shape data is inlined: ORT infers shapes from it");
        assertEquals(8, axes.getRawData().size());
        TensorProto bias = byName.get("lm_head.bias");
        assertFalse(TensorData.isExternal(bias), "below 1 KiB: inlined");
        assertEquals(35 * 4, bias.getRawData().size());
    }

    @Test
    void cacheKeyDependsOnContentAndSelection() {
        OnnxFile a = OnnxFile.read(TinyModels.mlm(tmp.resolve("a")).resolve("model.onnx"));
        OnnxFile sameContent = OnnxFile.read(TinyModels.mlm(tmp.resolve("b")).resolve("model.onnx"));
        OnnxFile other = OnnxFile.read(TinyModels.causal(tmp.resolve("c")).resolve("model.onnx"));
        String key = WeightsAsInputs.cacheKey(a, trainable(a, null));
        assertEquals(key, WeightsAsInputs.cacheKey(sameContent, trainable(sameContent, null)), "content, not path");
        assertNotEquals(key, WeightsAsInputs.cacheKey(a, trainable(a, "^layer\\.")));
        assertNotEquals(key, WeightsAsInputs.cacheKey(other, trainable(other, null)));
        assertEquals(64, key.length());
    }
    @Test
    void aVariantChangesTheKeyAndAnEmptyOneDoesNot() {
        OnnxFile a = OnnxFile.read(TinyModels.mlm(tmp.resolve("a")).resolve("model.onnx"));
        List<TensorProto> all = trainable(a, null);
        String key = WeightsAsInputs.cacheKey(a, all);
        assertEquals(key, WeightsAsInputs.cacheKey(a, all, ""), "cached rewrites of plain files stay valid");
        String lora = WeightsAsInputs.cacheKey(a, all, "lora/1 r=8 alpha=8.0 targets=x");
        assertNotEquals(key, lora);
        assertNotEquals(lora, WeightsAsInputs.cacheKey(a, all, "lora/1 r=4 alpha=8.0 targets=x"));
    }
}
