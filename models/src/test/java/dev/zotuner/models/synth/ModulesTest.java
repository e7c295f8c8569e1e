package dev.zotuner.models.synth;

import static dev.zotuner.models.synth.GraphRunner.in;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulesTest {

    private static final float[] X = {0.5f, -1.25f, 2f, 0.1f, -0.3f, 1.7f, -2.2f, 0.9f};

    @TempDir
    Path tmp;

    /** {@code f(modules, "x")} on X as a [2, 4] input. */
    private float[] apply(BiFunction<Modules, String, String> f) throws Exception {
        GraphBuilder g = new GraphBuilder("t", 1);
        Modules m = new Modules(g);
        String x = g.input("x", TensorProto.DataType.FLOAT_VALUE, 2, 4);
        g.opTo("y", "/out", "Identity", List.of(f.apply(m, x)));
        g.output("y", TensorProto.DataType.FLOAT_VALUE, 2, 4);
        try (GraphRunner r = new GraphRunner(g.build(), tmp)) {
            return r.run("y", Map.of("x", in(X, 2, 4)));
        }
    }

    @Test
    void geluIsTheExactErfForm() throws Exception {
        float[] y = apply((m, x) -> m.gelu("/act", x));
        for (int i = 0; i < X.length; i++) {
            double expected = 0.5 * X[i] * (1 + erf(X[i] / Math.sqrt(2)));
            assertEquals(expected, y[i], 1e-5, "gelu(" + X[i] + ")");
        }
    }

    @Test
    void rmsNormDividesByTheRootMeanSquareOfEachRow() throws Exception {
        float[] y = apply((m, x) -> m.rmsNorm("/model/norm", x, "model.norm", 4, 1e-5));
        for (int row = 0; row < 2; row++) {
            double ms = 0;
            for (int j = 0; j < 4; j++) {
                ms += X[row * 4 + j] * X[row * 4 + j] / 4.0;
            }
            for (int j = 0; j < 4; j++) {
                assertEquals(X[row * 4 + j] / Math.sqrt(ms + 1e-5), y[row * 4 + j], 1e-5);
            }
        }
    }

    @Test
    void layerNormStandardisesEachRowWithUnitScale() throws Exception {
        float[] y = apply((m, x) -> m.layerNorm("/ln", x, "ln", 4, 1e-5));
        for (int row = 0; row < 2; row++) {
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < 4; j++) {
                mean += y[row * 4 + j] / 4.0;
                sq += y[row * 4 + j] * y[row * 4 + j] / 4.0;
            }
            assertEquals(0, mean, 1e-5);
            assertEquals(1, sq, 1e-3);
        }
    }

    @Test
    void siluIsXTimesSigmoid() throws Exception {
        float[] y = apply((m, x) -> m.silu("/act", x));
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] / (1 + Math.exp(-X[i])), y[i], 1e-6);
        }
    }

    @Test
    void linearIsAnAnonymousTransposedMatMulPlusANamedZeroBias() {
        GraphBuilder g = new GraphBuilder("t", 500);
        Modules m = new Modules(g);
        String y = m.linear("/model/layers.0/fc1", "x", "model.layers.0.fc1", 4, 8, true);
        GraphBuilder.Built b = g.build();
        assertEquals("/model/layers.0/fc1/Add_output_0", y);
        assertEquals(List.of("onnx::MatMul_500", "model.layers.0.fc1.bias"), b.weights().stream().map(WeightSpec::name).toList());
        assertArrayEquals(new long[] {4, 8}, b.weights().get(0).dims());
        assertEquals(WeightInit.zeros(), b.weights().get(1).init());
        NodeProto matmul = b.graph().getNode(0);
        assertEquals("/model/layers.0/fc1/MatMul", matmul.getName());
        assertEquals(List.of("x", "onnx::MatMul_500"), matmul.getInputList());
        assertEquals(List.of("model.layers.0.fc1.bias", "/model/layers.0/fc1/MatMul_output_0"), b.graph().getNode(1).getInputList());
    }

    @Test
    void aTiedHeadReadsTheTransposeOfTheEmbeddingAndWritesLogits() {
        GraphBuilder g = new GraphBuilder("t", 7);
        Modules m = new Modules(g);
        g.weight("embed", WeightInit.normal(), 10, 4);
        assertEquals("logits", m.tiedHead("/lm_head", "h", "embed"));
        WeightSpec t = g.build().weights().get(1);
        assertEquals("onnx::MatMul_7", t.name());
        assertArrayEquals(new long[] {4, 10}, t.dims());
        assertTrue(t.derived());
        assertEquals(g.spec("embed"), ((WeightInit.Transposed) t.init()).source());
    }

    /** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return Math.signum(x) * y;
    }
}
