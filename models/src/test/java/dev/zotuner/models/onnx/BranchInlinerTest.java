package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.zotuner.models.testing.TinyGraph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BranchInlinerTest {

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int BOOL = TensorProto.DataType.BOOL_VALUE;

    /**
     * {@code z = If(true){ t' = −x; u = t'·w·s; nested If(true){ t' + 1 } } + t} with the parent's own {@code t = −x − 1}:
     * the branch's {@code t} and its node name {@code /Neg} clash with the parent's, its weight {@code w} is local,
     * its second output is {@code second} (the parent's {@code x}, which ONNX Runtime refuses as a subgraph output but
     * other producers write), and a nested If reads the clashing name from outside.
     */
    private static ModelProto model(String second) {
        GraphProto nestedThen = new TinyGraph(0).node("Add", "nested/Add", new String[] {"t", "one"}, "n")
                .output("n", FLOAT, "2").graph();
        GraphProto nestedElse = new TinyGraph(0).node("Identity", "nested/Identity", new String[] {"t"}, "n2")
                .output("n2", FLOAT, "2").graph();
        GraphProto then = new TinyGraph(3).weight("w", 1, 2).scalar("s", 3f).initializer("inner", BOOL, new byte[] {1}, 1)
                .node("Neg", "/Neg", new String[] {"x"}, "t")
                .node("Mul", "/Mul", new String[] {"t", "w"}, "m")
                .node("Mul", "/Mul_1", new String[] {"m", "s"}, "u")
                .node("If", "nested", new String[] {"inner"}, "v", "then_branch", nestedThen, "else_branch", nestedElse)
                .output("u", FLOAT, "2").output(second, FLOAT, "2").output("v", FLOAT, "2").graph();
        GraphProto otherwise = new TinyGraph(0).node("Abs", "else/Abs", new String[] {"x"}, "a")
                .node("Neg", "else/Neg", new String[] {"a"}, "b").node("Sin", "else/Sin", new String[] {"a"}, "c")
                .output("a", FLOAT, "2").output("b", FLOAT, "2").output("c", FLOAT, "2").graph();
        TinyGraph g = new TinyGraph(0).input("x", FLOAT, "2").initializer("flag", BOOL, new byte[] {1}, 1).scalar("one", 1f)
                .node("Neg", "/Neg", new String[] {"x"}, "t0")
                .node("Sub", "/Sub", new String[] {"t0", "one"}, "t");
        ModelProto model = g.node("Add", "/Add", new String[] {"y", "t"}, "z").output("z", FLOAT, "2")
                .output("y2", FLOAT, "2").output("y3", FLOAT, "2").build();
        NodeProto ifNode = new TinyGraph(0).node("If", "if", new String[] {"flag"}, "y", "then_branch", then,
                "else_branch", otherwise).graph().getNode(0).toBuilder().addOutput("y2").addOutput("y3").build();
        GraphProto.Builder b = model.getGraph().toBuilder();
        b.addNode(2, ifNode);
        return model.toBuilder().setGraph(b).build();
    }

    private static GraphProto thenBranch(GraphProto g) {
        return g.getNode(2).getAttributeList().stream().filter(a -> a.getName().equals("then_branch")).findFirst()
                .orElseThrow().getG();
    }

    @Test
    void theInlinedBranchComputesWhatTheIfComputed() throws OrtException {
        ModelProto model = model("m");
        GraphProto inlined = BranchInliner.inline(model.getGraph(), 2, thenBranch(model.getGraph()), Path.of("."));
        Map<String, float[]> expected = run(model);
        Map<String, float[]> actual = run(model.toBuilder().setGraph(inlined).build());
        for (String out : List.of("z", "y2", "y3")) {
            assertArrayEquals(expected.get(out), actual.get(out), out);
        }
    }

    @Test
    void clashingNamesAreRenamedReadsFollowAndLocalWeightsBecomeConstants() {
        GraphProto parent = model("x").getGraph();
        GraphProto g = BranchInliner.inline(parent, 2, thenBranch(parent), Path.of("."));
        List<String> nodes = g.getNodeList().stream().map(NodeProto::getName).toList();
        assertEquals(List.of("/Neg", "/Sub", "zo_if/if/w", "zo_if/if//Neg", "/Mul", "/Mul_1", "nested",
                "zo_if/if/Identity_1", "/Add"), nodes);
        NodeProto constant = g.getNode(2);
        assertEquals("Constant", constant.getOpType());
        assertEquals(List.of("w"), constant.getOutputList(), "w clashed with nothing, so keeps its name");
        assertTrue(g.getInitializerList().stream().noneMatch(t -> t.getName().equals("w")),
                "a branch-local FLOAT weight is no initializer, so never trainable");
        assertTrue(g.getInitializerList().stream().anyMatch(t -> t.getName().equals("s")), "a scalar moves up as is");
        assertEquals(List.of("zo_if/t"), g.getNode(3).getOutputList(), "the branch's t clashed with the parent's");
        assertEquals(List.of("zo_if/t", "w"), g.getNode(4).getInputList());
        assertEquals(List.of("y"), g.getNode(5).getOutputList(), "the first output is written under the If's name");
        assertEquals("zo_if/t", g.getNode(6).getAttribute(0).getG().getNode(0).getInput(0),
                "a nested subgraph reads the renamed outer name");
        assertEquals(List.of("y3"), g.getNode(6).getOutputList(), "the nested If writes the third output");
        assertEquals(List.of("x"), g.getNode(7).getInputList(), "an outer value returned as is takes an Identity");
        assertEquals(List.of("y2"), g.getNode(7).getOutputList());
        assertFalse(g.getNodeList().stream().anyMatch(n -> n.getOpType().equals("If") && n.getName().equals("if")));
    }

    private static Map<String, float[]> run(ModelProto model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toByteArray());
             OnnxTensor x = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder())
                     .asFloatBuffer().put(new float[] {1.5f, -2f}).flip(), new long[] {2});
             OrtSession.Result r = session.run(Map.of("x", x))) {
            return Map.of("z", values(r, "z"), "y2", values(r, "y2"), "y3", values(r, "y3"));
        }
    }

    private static float[] values(OrtSession.Result r, String name) throws OrtException {
        return (float[]) ((OnnxTensor) r.get(name).orElseThrow()).getValue();
    }
}
