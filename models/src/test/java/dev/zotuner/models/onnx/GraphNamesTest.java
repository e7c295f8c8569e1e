package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.testing.TinyGraph;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphNamesTest {

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /** {@code x → Neg → a}; an If whose branch defines {@code b} and {@code own}, reads {@code a}, {@code own} and {@code w}. */
    private static GraphProto graph() {
        GraphProto branch = new TinyGraph(0).scalar("own", 2f)
                .node("Mul", "b/Mul", new String[] {"a", "own"}, "b")
                .node("Add", "b/Add", new String[] {"b", "w"}, "c").output("c", FLOAT, "2").graph();
        return new TinyGraph(1).input("x", FLOAT, "2").weight("w", 1, 2).initializer("flag",
                        TensorProto.DataType.BOOL_VALUE, new byte[] {1}, 1)
                .node("Neg", "/Neg", new String[] {"x"}, "a")
                .node("If", "/If", new String[] {"flag"}, "y", "then_branch", branch, "else_branch", branch)
                .output("y", FLOAT, "2").graph();
    }

    @Test
    void localNamesAreThoseOfOneScopeDefinedNamesReachIntoSubgraphsButNotTheExcludedNodes() {
        GraphProto g = graph();
        assertEquals(Set.of("x", "w", "flag", "a", "y"), GraphNames.local(g));
        assertEquals(Set.of("x", "w", "flag", "a", "y", "own", "b", "c"), GraphNames.defined(g, -1));
        assertEquals(Set.of("x", "w", "flag", "a", "y"), GraphNames.defined(g, 1), "the If's own outputs count, "
                + "its branches' names do not");
    }

    @Test
    void readsIncludeWhatSubgraphsReadFromOutsideAndTheOutputs() {
        assertEquals(Set.of("x", "flag", "a", "w", "y"), GraphNames.reads(graph()));
    }

    @Test
    void renamingReachesNodeInputsAndOuterReadsOfSubgraphsButNotNamesTheyDefine() {
        NodeProto ifNode = graph().getNode(1);
        NodeProto renamed = GraphNames.renameReads(ifNode, Map.of("flag", "f2", "a", "a2", "own", "never", "c", "c2"));
        assertEquals("f2", renamed.getInput(0));
        GraphProto branch = renamed.getAttribute(0).getG();
        assertEquals("a2", branch.getNode(0).getInput(0), "an outer read follows the rename");
        assertEquals("own", branch.getNode(0).getInput(1), "the branch's own initializer shadows the outer name");
        assertEquals("c", branch.getOutput(0).getName(), "a name the branch defines is its own");
        assertEquals(ifNode, GraphNames.renameReads(ifNode, Map.of()), "no renaming, no change");
    }
}
