package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import dev.zotuner.models.testing.TinyGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadRegionTest {

    /** Embeddings (named into a block), then a LayerNorm decomposed as older exporters write it, then the projection. */
    private static TinyGraph decomposedLayerNormHead() {
        return new TinyGraph(1).tokenInput("input_ids").weight("embeddings.word_embeddings.weight", 0.5f, 35, 8)
                .node("Gather", "/embeddings/Gather", new String[] {"embeddings.word_embeddings.weight", "input_ids"}, "h0")
                .scalar("two", 2f).scalar("eps", 1e-5f).weight("gamma", 0.5f, 8).weight("beta", 0.5f, 8)
                .weight("w", 0.5f, 8, 35).weight("bias", 0.5f, 35)
                .node("ReduceMean", "/ln/ReduceMean", new String[] {"h0"}, "mu", "axes", new long[] {-1})
                .node("Sub", "/ln/Sub", new String[] {"h0", "mu"}, "d")
                .node("Pow", "/ln/Pow", new String[] {"d", "two"}, "d2")
                .node("ReduceMean", "/ln/ReduceMean_1", new String[] {"d2"}, "var", "axes", new long[] {-1})
                .node("Add", "/ln/Add", new String[] {"var", "eps"}, "ve")
                .node("Sqrt", "/ln/Sqrt", new String[] {"ve"}, "sd")
                .node("Div", "/ln/Div", new String[] {"d", "sd"}, "n")
                .node("Mul", "/ln/Mul", new String[] {"n", "gamma"}, "g")
                .node("Add", "/ln/Add_1", new String[] {"g", "beta"}, "ln")
                .node("MatMul", "/lm_head/MatMul", new String[] {"ln", "w"}, "l")
                .node("Add", "/lm_head/Add", new String[] {"l", "bias"}, "logits").output("logits", 35);
    }

    private static HeadRegion find(GraphProto graph) {
        return HeadRegion.find(graph, "logits", 17).orElseThrow();
    }

    private static List<String> names(GraphProto graph, HeadRegion region) {
        return region.nodes().stream().map(i -> graph.getNode(i).getName()).toList();
    }

    @Test
    void forksThatJoinAgainCloseAndTheSweepStopsAtTheLastBlock() {
        GraphProto g = decomposedLayerNormHead().graph();
        HeadRegion r = find(g);
        assertEquals("h0", r.cut(), "the embeddings' Gather is named into a block");
        assertEquals(11, r.nodes().size(), "every node of the decomposed LayerNorm and the projection");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), r.nodes(), "in graph order");
    }

    @Test
    void aNodeMixingPositionsEndsTheHead() {
        GraphProto g = new TinyGraph(1).tokenInput("input_ids").weight("e", 0.5f, 35, 8).int64("axis", new long[] {1})
                .weight("w", 0.5f, 8, 35).scalar("s", 2f)
                .node("Gather", "/embeddings/Gather", new String[] {"e", "input_ids"}, "h0")
                .node("CumSum", "/CumSum", new String[] {"h0", "axis"}, "c")
                .node("Mul", "/Mul", new String[] {"c", "s"}, "x")
                .node("MatMul", "/lm_head/MatMul", new String[] {"x", "w"}, "logits").output("logits", 35).graph();
        HeadRegion r = find(g);
        assertEquals("c", r.cut());
        assertEquals(List.of("/Mul", "/lm_head/MatMul"), names(g, r));
    }

    @Test
    void valuesReadOutsideTheHeadStayWholeAndAHeadThatIsNotPositionWiseIsNone() {
        GraphProto side = decomposedLayerNormHead().weight("v", 0.5f, 8, 8)
                .node("MatMul", "/side/MatMul", new String[] {"ln", "v"}, "other").output("other", 8).graph();
        HeadRegion r = find(side);
        assertEquals("ln", r.cut(), "the LayerNorm's output feeds another output");
        assertEquals(List.of("/lm_head/MatMul", "/lm_head/Add"), names(side, r));
        GraphProto pooled = new TinyGraph(1).tokenInput("input_ids").weight("e", 0.5f, 35, 8)
                .int64("axes", new long[] {1}, 1)
                .node("Gather", "/embeddings/Gather", new String[] {"e", "input_ids"}, "h0")
                .node("ReduceMean", "/pool", new String[] {"h0", "axes"}, "logits").output("logits", 8).graph();
        assertTrue(HeadRegion.find(pooled, "logits", 18).isEmpty(), "a mean over the sequence");
        assertTrue(HeadRegion.find(pooled, "missing", 18).isEmpty(), "no producer");
    }
}
