package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileWriterTest {

    @TempDir
    Path tmp;

    private static GraphBuilder.Built graph(long bigRows) {
        GraphBuilder g = new GraphBuilder("g", 1);
        g.input("x", TensorProto.DataType.FLOAT_VALUE, 2, 3);
        g.weight("small", WeightInit.ones(), 3);
        g.weight("big", WeightInit.normal(), bigRows, 3);
        g.weight("big.t", new WeightInit.Transposed(g.spec("big")), 3, bigRows);
        g.opTo("y", "/o", "Add", List.of("x", "small"));
        g.output("y", TensorProto.DataType.FLOAT_VALUE, 2, 3);
        return g.build();
    }

    private static List<Path> write(Path dir, GraphBuilder.Built graph, ExportLayout layout) throws Exception {
        return new ModelFileWriter(new SyntheticValues(5), GeneratorProgress.NONE).write(dir, graph, layout, "doc");
    }

    @Test
    void inlineStreamIsTheProtobufTheLibraryWouldWrite() throws Exception {
        GraphBuilder.Built graph = graph(200);
        write(tmp, graph, ExportLayout.INLINE);
        ModelProto read = ModelProto.parseFrom(Files.readAllBytes(tmp.resolve("model.onnx")));
        assertEquals(ModelFileWriter.IR_VERSION, read.getIrVersion());
        assertEquals(ModelFileWriter.OPSET, read.getOpsetImport(0).getVersion());
        assertEquals("doc", read.getDocString());
        assertEquals(graph.graph().getNodeList(), read.getGraph().getNodeList());
        SyntheticValues values = new SyntheticValues(5);
        for (int i = 0; i < graph.weights().size(); i++) {
            WeightSpec w = graph.weights().get(i);
            TensorProto t = read.getGraph().getInitializer(i);
            assertEquals(w.name(), t.getName());
            assertArrayEquals(w.dims(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
            FloatBuffer expected = FloatBuffer.allocate((int) w.size());
            values.fill(w, 0, expected);
            assertEquals(ByteString.copyFrom(bytes(expected.array())), t.getRawData(), w.name());
        }
        float[] big = floats(read.getGraph().getInitializer(1).getRawData());
        float[] transposed = floats(read.getGraph().getInitializer(2).getRawData());
        assertEquals(big[7 * 3 + 2], transposed[2 * 200 + 7], "big.t[2][7] = big[7][2]");
    }

    @Test
    void singleDataFileAlignsLargeTensorsAndKeepsSmallOnesInline() throws Exception {
        GraphBuilder.Built graph = graph(100_000);           // 1.2 MB each: aligned
        List<Path> files = write(tmp, graph, ExportLayout.OPTIMUM);
        assertEquals(List.of(tmp.resolve("model.onnx"), tmp.resolve("model.onnx_data")), files);
        ModelProto read = ModelProto.parseFrom(Files.readAllBytes(tmp.resolve("model.onnx")));
        TensorProto small = read.getGraph().getInitializer(0);
        assertFalse(small.hasDataLocation() && small.getDataLocation() == TensorProto.DataLocation.EXTERNAL);
        TensorProto t = read.getGraph().getInitializer(2);
        assertEquals(TensorProto.DataLocation.EXTERNAL, t.getDataLocation());
        Map<String, String> ext = t.getExternalDataList().stream().collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue()));
        assertEquals("model.onnx_data", ext.get("location"));
        long offset = Long.parseLong(ext.get("offset"));
        assertEquals(0, offset % (1 << 16));
        assertTrue(offset >= 1_200_000);
        assertEquals(offset + 1_200_000, Files.size(tmp.resolve("model.onnx_data")));
    }

    @Test
    void torchLayoutWritesAFileNamedAfterEachLargeTensor() throws Exception {
        GraphBuilder g = new GraphBuilder("g", 42);
        g.anonymousWeight("MatMul", WeightInit.normal(), 64, 64);
        g.output("onnx::MatMul_42", TensorProto.DataType.FLOAT_VALUE, 64, 64);
        List<Path> files = write(tmp, g.build(), ExportLayout.TORCH);
        assertEquals(List.of(tmp.resolve("model.onnx"), tmp.resolve("onnx__MatMul_42")), files);
        assertEquals(64 * 64 * 4, Files.size(tmp.resolve("onnx__MatMul_42")));
    }

    @Test
    void inlineAbove2GiBIsRefusedBeforeWritingAnything() {
        GraphBuilder g = new GraphBuilder("g", 1);
        g.weight("huge", WeightInit.normal(), 600_000_000L);
        ModelException e = assertThrows(ModelException.class, () -> write(tmp, g.build(), ExportLayout.INLINE));
        assertTrue(e.getMessage().contains("exceed protobuf's 2 GiB"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("model.onnx")));
    }

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static float[] floats(ByteString raw) {
        FloatBuffer f = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[f.remaining()];
        f.get(out);
        return out;
    }
}
