package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.Peft;
import dev.zotuner.models.source.AttentionShape;
import dev.zotuner.models.testing.Initializers;
import dev.zotuner.models.testing.TinyGraph;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlama.Layout;
import dev.zotuner.models.testing.TinyLlamaLayers;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rewrite on Optimum's merged decoder and on small graphs, and what it is for: a merged decoder trains exactly as
 * its no-cache branch (blocks, top-K, stages, LoRA, BitFit, prefix cache, outputs) and exports as a merged decoder.
 */
class TakenBranchesTest {

    @TempDir
    Path tmp;

    private static final List<String> TEXTS = List.of("the movie was great", "i hated this film it was boring", "ok");
    private static final int BOOL = TensorProto.DataType.BOOL_VALUE;
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    private static TakenBranches fedAndTaken(Path dir) {
        OnnxFile file = OnnxFile.read(dir.resolve(TinyLlama.fileName(Layout.MERGED)));
        return TakenBranches.of(EmptyPast.of(file.proto().getGraph(), AttentionShape.UNKNOWN, file.path()).apply(file));
    }

    @Test
    void aMergedDecoderBecomesItsNoCacheBranchNodeForNode() {
        Path dir = TinyLlama.write(tmp.resolve("merged"), Layout.MERGED, true);
        OnnxFile original = OnnxFile.read(dir.resolve(TinyLlama.fileName(Layout.MERGED)));
        int branchNodes = original.proto().getGraph().getNode(0).getAttribute(1).getG().getNodeCount();
        TakenBranches taken = fedAndTaken(dir);

        assertEquals(List.of("optimum::if: use_cache_branch = false → else_branch 'no_past' (" + branchNodes + " nodes)"),
                lines(taken));
        GraphProto g = taken.file().proto().getGraph();
        assertTrue(g.getNodeList().stream().noneMatch(n -> n.getOpType().equals("If")));
        GraphProto plain = TinyLlama.graph(Layout.PLAIN, true, TinyLlama.MERGED_SUFFIX).getGraph();
        List<NodeProto> decoder = g.getNodeList().stream().filter(n -> !n.getName().startsWith("zo_past/")
                && !n.getOutput(0).startsWith("present.")).toList();
        assertEquals(plain.getNodeList(), decoder, "the no-cache decoder's nodes, unrenamed, in order");
        assertEquals(names(plain.getInitializerList()), names(g.getInitializerList()).stream()
                .filter(n -> !n.startsWith("zo_past/")).collect(Collectors.toSet()), "weights and hoisted constants; "
                + "use_cache_branch dropped");
        assertEquals(original.path(), taken.file().path());
        assertEquals(original.sha256(), taken.file().sha256());
    }

    @Test
    void aGraphWithoutAConstantIfIsLeftAsItIsAndAddsNothingToTheCacheKey() {
        OnnxFile plain = OnnxFile.read(TinyLlama.write(tmp.resolve("plain"), Layout.PLAIN, false).resolve("model.onnx"));
        TakenBranches none = TakenBranches.of(plain);
        assertSame(plain, none.file());
        assertTrue(none.isEmpty());
        assertEquals("", none.cacheVariant());

        ModelProto onInput = ifGraph(new TinyGraph(0).input("flag", BOOL, "1")).build();
        OnnxFile file = new OnnxFile(tmp.resolve("if.onnx"), onInput, "h");
        assertSame(file, TakenBranches.of(file).file(), "a condition the caller feeds is not constant");
    }

    @Test
    void aConstantNodeConditionTakesTheThenBranchAndAnIfNestedInItIsTakenToo() {
        TensorProto yes = TensorProto.newBuilder().setDataType(BOOL).addDims(1).addInt32Data(1).build();
        GraphProto inner = new TinyGraph(0).node("Neg", "inner/Neg", new String[] {"x"}, "n").output("n", FLOAT, "2").graph();
        GraphProto unused = new TinyGraph(0).node("Abs", "inner/Abs", new String[] {"x"}, "a").output("a", FLOAT, "2").graph();
        GraphProto then = new TinyGraph(0).node("If", "nested", new String[] {"flag"}, "t", "then_branch", inner,
                "else_branch", unused).output("t", FLOAT, "2").graph();
        GraphProto otherwise = new TinyGraph(0).node("Identity", "else/Identity", new String[] {"x"}, "e")
                .output("e", FLOAT, "2").graph();
        ModelProto model = new TinyGraph(0).input("x", FLOAT, "2").node("Constant", "c", new String[0], "flag", "value", yes)
                .node("If", "outer", new String[] {"flag"}, "y", "then_branch", then, "else_branch", otherwise)
                .output("y", FLOAT, "2").build();
        TakenBranches taken = TakenBranches.of(new OnnxFile(tmp.resolve("m.onnx"), model, "h"));

        assertEquals(List.of("outer: flag = true → then_branch 'tiny' (1 nodes)", "nested: flag = true → then_branch "
                + "'tiny' (1 nodes)"), lines(taken));
        assertEquals(List.of("Constant", "Neg"), taken.file().proto().getGraph().getNodeList().stream()
                .map(NodeProto::getOpType).toList());
        assertEquals("y", taken.file().proto().getGraph().getNode(1).getOutput(0));
        assertTrue(taken.cacheVariant().startsWith("taken-branches/1 outer: flag = true"), taken.cacheVariant());
    }

    @Test
    void initializersOnlyTheDiscardedBranchReadAreDroppedOthersKept() {
        GraphProto then = new TinyGraph(0).node("Mul", "then/Mul", new String[] {"x", "w_then"}, "t")
                .output("t", FLOAT, "2").graph();
        GraphProto otherwise = new TinyGraph(0).node("Mul", "else/Mul", new String[] {"x", "w_else"}, "e")
                .output("e", FLOAT, "2").graph();
        ModelProto model = new TinyGraph(1).input("x", FLOAT, "2").initializer("flag", BOOL, new byte[] {0}, 1)
                .weight("w_then", 1, 2).weight("w_else", 1, 2).weight("never_read", 1, 2)
                .node("If", "if", new String[] {"flag"}, "y", "then_branch", then, "else_branch", otherwise)
                .output("y", FLOAT, "2").build();
        TakenBranches taken = TakenBranches.of(new OnnxFile(tmp.resolve("m.onnx"), model, "h"));
        assertEquals(Set.of("w_else", "never_read"), names(taken.file().proto().getGraph().getInitializerList()),
                "w_then and the condition only the If read; an initializer nothing read before stays as it was");
    }

    @Test
    void anIfWithoutTheBranchItTakesIsAOneLineError() {
        ModelProto model = new TinyGraph(0).input("x", FLOAT, "2").initializer("flag", BOOL, new byte[] {1}, 1)
                .node("If", "broken", new String[] {"flag"}, "y").output("y", FLOAT, "2").build();
        ModelException e = assertThrows(ModelException.class,
                () -> TakenBranches.of(new OnnxFile(tmp.resolve("m.onnx"), model, "h")));
        assertEquals(tmp.resolve("m.onnx") + ": If node 'broken' has no then_branch to take for its constant condition "
                + "flag", e.getMessage());
    }

    @Test
    void theMergedDecoderLoadsWithTheNoCacheBranchsBlocks() {
        Path dir = TinyLlama.write(tmp.resolve("merged"), Layout.MERGED, false);
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("c")))) {
            assertEquals(List.of("embeddings", "layer.0", "layer.1", "rest"),
                    lm.parameters().blocks().stream().map(b -> b.name()).toList());
            Parameter q = lm.parameters().get(TinyLlamaLayers.projection(0, "q_proj") + TinyLlama.MERGED_SUFFIX);
            assertEquals("layer.0", q.block(), "an anonymous merged weight takes its reader's layer");
            assertFalse(lm.parameters().contains("use_cache_branch"));
        }
    }

    /** θ, blocks, stages, adapters and outputs (before and after moving θ) of one way of training a model. */
    private record Trained(List<String> parameters, String execution, List<String> adapters, float[] before,
                           float[] after) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Trained t && parameters.equals(t.parameters) && execution.equals(t.execution)
                    && adapters.equals(t.adapters) && Arrays.equals(before, t.before) && Arrays.equals(after, t.after);
        }

        @Override
        public int hashCode() {
            return parameters.hashCode();
        }

        long size() {
            return parameters.stream().mapToLong(p -> Long.parseLong(p.substring(p.lastIndexOf(' ') + 1))).sum();
        }
    }

    private Trained train(Path dir, UnaryOperator<ModelSpec> choice) {
        ModelSpec spec = choice.apply(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache")));
        try (LanguageModel lm = LanguageModel.load(spec)) {
            TokenBatch batch = lm.tokenizer().encodeBatch(TEXTS);
            lm.cachePrefix(batch);
            float[] before = lm.forward(batch).values();
            for (Parameter p : lm.parameters().parameters()) {
                for (int i = 0; i < p.size(); i++) {
                    p.values().put(i, p.values().get(i) + 0.05f * (float) Math.sin(p.name().hashCode() + i));
                }
            }
            return new Trained(lm.parameters().parameters().stream().map(p -> p.block() + "/" + p.name() + " " + p.size())
                    .toList(), lm.execution(), lm.prepared().adapters().stream().map(LoraAdapter::module).toList(),
                    before, lm.forward(batch).values());
        }
    }

    @Test
    void aMergedDecoderTrainsExactlyAsItsNoCacheBranch() {
        Path plain = TinyLlama.write(tmp.resolve("plain"), Layout.PLAIN, false, TinyLlama.MERGED_SUFFIX);
        Path merged = TinyLlama.write(tmp.resolve("merged"), Layout.MERGED, false);
        Map<String, UnaryOperator<ModelSpec>> choices = new LinkedHashMap<>();
        choices.put("full", s -> s);
        choices.put("top:1", s -> s.withTopLayers(1));
        choices.put("mezo-bcd", s -> s.withExecution(Execution.defaults().withSplitBlocks(true)));
        choices.put("lora", s -> s.withPeft(Peft.lora(3)));
        choices.put("bitfit", s -> s.withPeft(Peft.bitfit(true)));
        Map<String, Trained> runs = new LinkedHashMap<>();
        for (Map.Entry<String, UnaryOperator<ModelSpec>> c : choices.entrySet()) {
            Trained m = train(merged, c.getValue());
            assertEquals(train(plain, c.getValue()), m, c.getKey());
            assertFalse(Arrays.equals(m.before(), m.after()), c.getKey() + ": moving θ moved the logits");
            runs.put(c.getKey(), m);
        }
        long layer = TinyLlama.LAYER_PARAMETERS;
        assertEquals(TinyLlama.PARAMETERS + TinyLlama.EMBEDDING_PARAMETERS, runs.get("full").size());
        assertEquals("whole graph", runs.get("full").execution());
        assertEquals(layer + TinyLlama.HIDDEN + TinyLlama.EMBEDDING_PARAMETERS, runs.get("top:1").size(),
                "layer.1, the final norm and the (untied) head; not layer 0");
        assertEquals("stages [embeddings..layer.0 | layer.1..rest], frozen prefix cached up to layer.1",
                runs.get("top:1").execution());
        assertEquals("stages [embeddings | layer.0 | layer.1 | rest]", runs.get("mezo-bcd").execution());
        assertEquals(List.of("model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj",
                "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"), runs.get("lora").adapters());
        assertEquals(TinyLlama.LAYERS * (TinyLlama.HIDDEN + 2L * TinyLlama.KV_HEADS * TinyLlama.HEAD_DIM
                + 2L * TinyLlama.HIDDEN) + TinyLlama.HIDDEN, runs.get("bitfit").size(), "q/k/v biases and RMSNorm weights");
    }

    @Test
    void aTunedMergedDecoderExportsAsAMergedDecoderThatReloadsWithItsOutputs() throws IOException {
        Path merged = TinyLlama.write(tmp.resolve("merged"), Layout.MERGED, true);
        for (Peft peft : List.of(Peft.none(), Peft.lora(3))) {
            Path out = Files.createDirectories(tmp.resolve("export-" + peft.method()));
            for (String f : List.of("tokenizer.json", "config.json")) {
                Files.copy(merged.resolve(f), out.resolve(f));
            }
            Path file = out.resolve(TinyLlama.fileName(Layout.MERGED));
            float[] tuned;
            try (LanguageModel lm = LanguageModel.load(ModelSpec.of(merged.toString()).withPeft(peft)
                    .withCacheDir(tmp.resolve("cache")))) {
                for (Parameter p : lm.parameters().parameters()) {
                    for (int i = 0; i < p.size(); i++) {
                        p.values().put(i, p.values().get(i) + 0.05f * (float) Math.cos(p.name().hashCode() + i));
                    }
                }
                tuned = lm.forward(TEXTS).values();
                OnnxExport.write(OnnxFile.read(lm.prepared().files().onnx()), lm.parameters(), lm.prepared().adapters(),
                        lm.prepared().ties(), file);
            }
            GraphProto exported = OnnxFile.read(file).proto().getGraph();
            assertEquals(List.of("If"), exported.getNodeList().stream().map(NodeProto::getOpType).toList(),
                    "still Optimum's merged decoder");
            float[] embed = Initializers.floats(OnnxFile.read(file), TinyLlamaLayers.EMBED + TinyLlama.MERGED_SUFFIX);
            float[] head = Initializers.floats(OnnxFile.read(file), TinyLlamaLayers.LM_HEAD + TinyLlama.MERGED_SUFFIX);
            for (int r = 0; r < TinyLlama.VOCAB; r++) {
                for (int c = 0; c < TinyLlama.HIDDEN; c++) {
                    assertEquals(embed[r * TinyLlama.HIDDEN + c], head[c * TinyLlama.VOCAB + r], "exported still tied");
                }
            }
            try (LanguageModel reloaded = LanguageModel.load(ModelSpec.of(out.toString())
                    .withCacheDir(tmp.resolve("cache")))) {
                assertArrayEquals(tuned, reloaded.forward(TEXTS).values(), 1e-5f, peft.method().toString());
            }
        }
    }

    private static TinyGraph ifGraph(TinyGraph g) {
        GraphProto then = new TinyGraph(0).node("Neg", "then/Neg", new String[] {"x"}, "t").output("t", FLOAT, "2").graph();
        GraphProto otherwise = new TinyGraph(0).node("Abs", "else/Abs", new String[] {"x"}, "e").output("e", FLOAT, "2")
                .graph();
        return g.input("x", FLOAT, "2").node("If", "if", new String[] {"flag"}, "y", "then_branch", then,
                "else_branch", otherwise).output("y", FLOAT, "2");
    }

    private static List<String> lines(TakenBranches taken) {
        return taken.taken().stream().map(TakenBranches.Taken::toString).toList();
    }

    private static Set<String> names(List<TensorProto> tensors) {
        return tensors.stream().map(TensorProto::getName).collect(Collectors.toSet());
    }
}
