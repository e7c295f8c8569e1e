package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TieFinderTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(11);

    private static float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) RANDOM.nextDouble();
        }
        return v;
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] t = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = v[r * cols + c];
            }
        }
        return t;
    }

    private static TensorProto tensor(String name, float[] v, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private final float[] a = random(12);
    private final float[] s = random(4);
    private final float[] nearly = a.clone();
    private final float[] big = random(70 * 90);
    private final GraphProto graph;

    TieFinderTest() {
        nearly[11] = Math.nextUp(nearly[11]);   // one bit in the last value
        float[] bigCopy = big.clone();
        bigCopy[7] = Math.nextUp(bigCopy[7]);  // at no probed position: only the full comparison sees it
        float[] bigTransposed = transpose(big, 70, 90);
        float[] bigNearlyTransposed = bigTransposed.clone();
        bigNearlyTransposed[7 * 70 + 65] = Math.nextUp(bigNearlyTransposed[7 * 70 + 65]);  // row 65, col 7 of big: tile 2
        graph = GraphProto.newBuilder()
                .addInitializer(tensor("big", big, 70, 90)).addInitializer(tensor("bigNearly", bigCopy, 70, 90))
                .addInitializer(tensor("bigT", bigTransposed, 90, 70))
                .addInitializer(tensor("bigNearlyT", bigNearlyTransposed, 90, 70))
                .addInitializer(tensor("a", a, 3, 4)).addInitializer(tensor("copy", a.clone(), 3, 4))
                .addInitializer(tensor("transposed", transpose(a, 3, 4), 4, 3)).addInitializer(tensor("other", random(12), 4, 3))
                .addInitializer(tensor("nearly", nearly, 3, 4))
                .addInitializer(tensor("zeros", new float[12], 3, 4)).addInitializer(tensor("zeros2", new float[12], 4, 3))
                .addInitializer(tensor("square", s, 2, 2)).addInitializer(tensor("squareT", transpose(s, 2, 2), 2, 2))
                .addInitializer(tensor("bias", random(4), 4)).addInitializer(tensor("bias2", new float[4], 4)).build();
    }

    private List<String> partners(String name) {
        TieFinder finder = new TieFinder(graph, Path.of("."));
        TensorProto t = graph.getInitializerList().stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
        return finder.partners(t, x -> true).stream().map(p -> p.tensor().getName() + (p.transposed() ? "ᵀ" : "")).toList();
    }

    @Test
    void exactCopiesAndTransposesAreTiedNothingElseIs() {
        assertEquals(List.of("copy", "transposedᵀ"), partners("a"));
        assertEquals(List.of("a", "transposedᵀ"), partners("copy"));
        assertEquals(List.of("bigTᵀ"), partners("big"), "across 64 × 64 tiles; a bit off where no probe looks unties");
        assertEquals(List.of("aᵀ", "copyᵀ"), partners("transposed"));
        assertEquals(List.of("squareTᵀ"), partners("square"), "a square transpose is told apart from a copy");
        assertEquals(List.of(), partners("other"));
        assertEquals(List.of(), partners("nearly"), "one differing bit unties");
        assertEquals(List.of(), partners("zeros"), "constant tensors never tie");
        assertEquals(List.of(), partners("bias"), "rank-1 tensors never tie");
    }

    @Test
    void partnersAreSoughtAmongWhatTheCallerAllows() {
        TieFinder finder = new TieFinder(graph, Path.of("."));
        TensorProto t = graph.getInitializer(4);
        assertEquals(List.of("transposed"), finder.partners(t, x -> !x.getName().equals("copy")).stream()
                .map(p -> p.tensor().getName()).toList());
        assertTrue(finder.isTied(t));
        assertFalse(finder.isTied(graph.getInitializer(7)));
    }
}
