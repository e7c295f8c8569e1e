package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWriterTest {

    @TempDir
    Path tmp;

    @Test
    void largeInitializersGoToAnAlignedDataFileBesideTheModel() throws IOException {
        ModelProto model = TinyModels.graph("mlm", 1).weight("extra.a", 0.1f, 257).weight("extra.b", 0.1f, 300).build();
        Path out = tmp.resolve("out/tuned.onnx");
        ModelWriter.write(model, out, true);
        assertEquals(tmp.resolve("out/tuned.onnx.data"), ModelWriter.dataFile(out));
        OnnxFile read = OnnxFile.read(out);
        long data = Files.size(ModelWriter.dataFile(out));
        assertEquals(1120 + 1120 + 1028 + 12 + 1200, data, "lm_head, words, extra.a, 12 bytes to align extra.b");
        for (TensorProto original : model.getGraph().getInitializerList()) {
            TensorProto written = read.proto().getGraph().getInitializerList().stream()
                    .filter(t -> t.getName().equals(original.getName())).findFirst().orElseThrow();
            assertEquals(original.getRawData().size() >= ModelWriter.EXTERNAL_MIN_BYTES, TensorData.isExternal(written),
                    original.getName());
            if (TensorData.isExternal(written)) {
                assertEquals(0, ExternalData.of(written, out.getParent()).offset() % 16);
                float[] expected = new float[original.getRawData().size() / 4];
                original.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(expected);
                float[] back = new float[expected.length];
                TensorData.readFloats(written, out.getParent(), FloatBuffer.wrap(back));
                assertArrayEquals(expected, back, original.getName());
            }
        }
        ModelWriter.write(model, tmp.resolve("one/model.onnx"), false);
        assertEquals(model, OnnxFile.readWhole(tmp.resolve("one/model.onnx")).proto());
        assertFalse(Files.exists(tmp.resolve("one/model.onnx.data")));
    }

    @Test
    void filesGetTheUsersDefaultPermissionsAndNoTemporaryIsLeft() throws IOException {
        Path reference = tmp.resolve("reference");
        try (OutputStream out = Files.newOutputStream(reference)) {
            out.write(1);
        }
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(reference);
        assertTrue(usual.contains(PosixFilePermission.OWNER_READ) && usual.contains(PosixFilePermission.OWNER_WRITE));
        Path out = tmp.resolve("export/model.onnx");
        ModelWriter.write(TinyModels.graph("mlm", 1).build(), out, true);
        assertEquals(usual, Files.getPosixFilePermissions(out), "not the 0600 of a temporary file");
        assertEquals(usual, Files.getPosixFilePermissions(ModelWriter.dataFile(out)));
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of("model.onnx", "model.onnx.data"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void onlyWeightsBeyondOneAndAHalfGibMustBeExternal() {
        assertFalse(ModelWriter.needsExternal(3L << 29));
        assertTrue(ModelWriter.needsExternal((3L << 29) + 1));
    }
}
