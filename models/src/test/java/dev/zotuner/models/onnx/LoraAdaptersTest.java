package dev.zotuner.models.onnx;

import static dev.zotuner.models.testing.Initializers.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Peft;
import dev.zotuner.models.testing.TinyGraph;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraAdaptersTest {

    private static final List<String> TEXTS = List.of("the movie was [MASK]", "a [MASK] film and a boring plot");

    @TempDir
    Path tmp;

    private OnnxFile mlm() {
        return OnnxFile.read(TinyModels.mlm(tmp.resolve("m")).resolve("model.onnx"));
    }

    @Test
    void modulePathIsTheNodeScopeWithDotsElseTheWeightName() {
        NodeProto query = NodeProto.newBuilder().setName("/encoder/layer.0/attention/self/query/MatMul").build();
        assertEquals("encoder.layer.0.attention.self.query", LoraAdapters.modulePath(query, "onnx::MatMul_787"));
        assertEquals("h.3.attn.c_attn", LoraAdapters.modulePath(
                NodeProto.newBuilder().setName("/h.3/attn/c_attn/MatMul_1").build(), "w"));
        NodeProto unnamed = NodeProto.getDefaultInstance();
        assertEquals("lm_head", LoraAdapters.modulePath(unnamed, "lm_head.weight"));
        assertEquals("onnx::MatMul_5", LoraAdapters.modulePath(unnamed, "onnx::MatMul_5"));
        assertEquals("lm_head", LoraAdapters.modulePath(NodeProto.newBuilder().setName("MatMul_9").build(), "lm_head.weight"));
    }

    @Test
    void adaptersAreAddedInTheLayersScopeAndTheOutputKeepsItsName() {
        OnnxFile f = mlm();
        LoraAdapters.Result r = LoraAdapters.apply(f, Peft.lora(4, 8, "dense$", 1), w -> true, "");
        assertEquals(List.of(
                new LoraAdapter("encoder.layer.0.dense", "onnx::MatMul_100", "encoder.layer.0.dense.lora_A",
                        "encoder.layer.0.dense.lora_B", 8, 8, 4, 2.0, 1),
                new LoraAdapter("encoder.layer.1.dense", "encoder.layer.1.dense.weight", "encoder.layer.1.dense.lora_A",
                        "encoder.layer.1.dense.lora_B", 8, 8, 4, 2.0, 1)), r.adapters());
        GraphProto g = r.file().proto().getGraph();
        assertEquals(f.proto().getGraph().getNodeCount() + 8, g.getNodeCount());
        Map<String, NodeProto> nodes = g.getNodeList().stream().collect(Collectors.toMap(NodeProto::getName, n -> n));
        String scope = "/encoder/layer.0/dense/";
        NodeProto base = nodes.get(scope + "MatMul");
        assertEquals(List.of("x0", "onnx::MatMul_100"), base.getInputList());
        assertEquals(List.of("x0", "encoder.layer.0.dense.lora_A"), nodes.get(scope + "lora_A/MatMul").getInputList());
        assertEquals("encoder.layer.0.dense.lora_B", nodes.get(scope + "lora_B/MatMul").getInput(1));
        assertEquals("encoder.layer.0.dense.lora_scaling", nodes.get(scope + "lora_scaling/Mul").getInput(1));
        NodeProto add = nodes.get(scope + "lora_add/Add");
        assertEquals(List.of(base.getOutput(0), nodes.get(scope + "lora_scaling/Mul").getOutput(0)), add.getInputList());
        assertEquals("m0", add.getOutput(0), "the layer's output keeps its name");
        for (String name : nodes.keySet()) {
            if (name.contains("/lora_")) {
                assertEquals(name.startsWith(scope) ? "layer.0" : "layer.1", BlockNames.fromName(name).orElseThrow(), name);
            }
        }
        Map<String, TensorProto> inits = g.getInitializerList().stream()
                .collect(Collectors.toMap(TensorProto::getName, Function.identity()));
        TensorProto a = inits.get("encoder.layer.1.dense.lora_A");
        TensorProto b = inits.get("encoder.layer.1.dense.lora_B");
        assertEquals(List.of(8L, 4L), a.getDimsList());
        assertEquals(List.of(4L, 8L), b.getDimsList());
        assertArrayEquals(new float[32], floats(b), "B starts at zero");
        assertArrayEquals(LoraAdapters.initialA("encoder.layer.1.dense.lora_A", 8, 4, 1), floats(a));
        assertEquals(0, inits.get("encoder.layer.1.dense.lora_scaling").getDimsCount());
        assertArrayEquals(new float[] {2f}, floats(inits.get("encoder.layer.1.dense.lora_scaling")));
        assertEquals("layer.0", BlockNames.fromName("encoder.layer.0.dense.lora_A").orElseThrow());
        assertEquals("layer.1", BlockNames.fromName("encoder.layer.1.dense.lora_B").orElseThrow());
        assertEquals(f.sha256(), r.file().sha256());
        assertEquals(f.path(), r.file().path());
    }

    @Test
    void aIsKaimingUniformDeterministicInSeedAndName() {
        String name = "encoder.layer.0.attention.self.query.lora_A";
        float[] a = LoraAdapters.initialA(name, 384, 8, 42);
        double bound = 1 / Math.sqrt(384);
        double sum = 0;
        double squares = 0;
        double max = 0;
        for (float v : a) {
            assertTrue(Math.abs(v) <= (float) bound, v + " outside ±" + bound);
            sum += v;
            squares += (double) v * v;
            max = Math.max(max, Math.abs(v));
        }
        int n = a.length;
        assertEquals(3072, n);
        assertEquals(0, sum / n, 4 * bound / Math.sqrt(3 * n), "mean");
        assertEquals(bound * bound / 3, squares / n, 0.1 * bound * bound / 3, "variance of U(-b, b) is b²/3");
        assertTrue(max > 0.99 * bound, "fills the interval");
        assertArrayEquals(a, LoraAdapters.initialA(name, 384, 8, 42), "deterministic");
        assertFalse(Arrays.equals(a, LoraAdapters.initialA(name, 384, 8, 43)), "another seed");
        assertFalse(Arrays.equals(a, LoraAdapters.initialA(name.replace("query", "value"), 384, 8, 42)), "another adapter");
        float[] other = LoraAdapters.initialA(name, 384, 8, 43);
        long same = IntStream.range(0, n).filter(i -> a[i] == other[i]).count();
        assertTrue(same < 5, same + " equal values for different seeds");
    }

    @Test
    void eligibilityRestrictsTheAdaptedWeights() {
        LoraAdapters.Result r = LoraAdapters.apply(mlm(), Peft.lora(2, 2, "dense$|lm_head", 3),
                w -> !w.equals("onnx::MatMul_100"), "");
        assertEquals(List.of("encoder.layer.1.dense", "lm_head"), r.adapters().stream().map(LoraAdapter::module).toList());
        assertEquals(List.of(8, 35), List.of(r.adapters().get(1).in(), r.adapters().get(1).out()));
        assertEquals(1.0, r.adapters().get(0).scaling());
    }

    @Test
    void badTargetsAreOneLineErrors() {
        OnnxFile f = mlm();
        ModelException none = assertThrows(ModelException.class,
                () -> LoraAdapters.apply(f, Peft.lora(7), w -> true, ""));
        assertEquals("--lora-targets '" + Peft.DEFAULT_TARGETS + "' matches no MatMul weight in " + f.path()
                + " (module paths look like 'encoder.layer.0.dense')", none.getMessage());
        ModelException filtered = assertThrows(ModelException.class,
                () -> LoraAdapters.apply(f, Peft.lora(8, 8, "layer\\.0\\.dense$", 7), w -> false, " in the top 1 layer or rest"));
        assertEquals("--lora-targets 'layer\\.0\\.dense$' matches no MatMul weight in the top 1 layer or rest of "
                + f.path(), filtered.getMessage());
        ModelException invalid = assertThrows(ModelException.class,
                () -> LoraAdapters.apply(f, Peft.lora(8, 8, "dense(", 7), w -> true, ""));
        assertTrue(invalid.getMessage().startsWith("--lora-targets 'dense(': invalid regex"), invalid.getMessage());
        GraphProto shared = new TinyGraph(1).tokenInput("x").weight("w", 1, 8, 8)
                .node("MatMul", "/a/MatMul", new String[] {"x", "w"}, "y1")
                .node("MatMul", "/b/MatMul", new String[] {"y1", "w"}, "y2").output("y2", 8).build().getGraph();
        OnnxFile sharedFile = new OnnxFile(Path.of("model.onnx"), mlm().proto().toBuilder().setGraph(shared).build(), "0");
        ModelException tied = assertThrows(ModelException.class,
                () -> LoraAdapters.apply(sharedFile, Peft.lora(8, 8, "^a$", 7), w -> true, ""));
        assertEquals("--lora-targets '^a$': weight w of a in model.onnx is read by 2 nodes; a shared weight cannot "
                + "take an adapter", tied.getMessage());
        assertTrue(none.getMessage().lines().count() == 1 && tied.getMessage().lines().count() == 1);
    }

    @Test
    void withBAtZeroTheAdaptedModelRunsAndEqualsTheOriginalExactly() {
        Path dir = TinyModels.mlm(tmp.resolve("run"));
        ModelSpec spec = ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache"));
        float[] expected;
        try (LanguageModel base = LanguageModel.load(spec)) {
            expected = base.forward(TEXTS).values();
        }
        try (LanguageModel lora = LanguageModel.load(spec.withPeft(Peft.lora(4, 8, "dense$", 11)))) {
            assertEquals(2, lora.prepared().adapters().size());
            assertEquals(2 * (8 * 4 + 4 * 8), lora.parameters().size());
            assertArrayEquals(expected, lora.forward(TEXTS).values(), "x·W + (α/r)·(x·A)·0 = x·W");
            lora.parameters().get("encoder.layer.1.dense.lora_B").values().put(3, 0.25f);
            assertFalse(Arrays.equals(expected, lora.forward(TEXTS).values()), "B reaches the forward pass");
        }
    }
}
