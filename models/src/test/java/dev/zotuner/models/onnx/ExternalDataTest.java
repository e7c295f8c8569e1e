package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalDataTest {

    @TempDir
    Path tmp;

    private static TensorProto tensor(String location, String offset, String length) {
        TensorProto.Builder t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location));
        if (offset != null) {
            t.addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(offset));
        }
        if (length != null) {
            t.addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(length));
        }
        return t.build();
    }

    @Test
    void readsTheRangeAtTheOffset() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Files.write(dir.resolve("data.bin"), new byte[] {9, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9});
        ByteBuffer b = ExternalData.of(tensor("data.bin", "2", "8"), dir).read(8);
        assertEquals(8, b.remaining());
        assertEquals(1, b.get(0));
        assertEquals(8, b.get(7));
        ModelException tooShort = assertThrows(ModelException.class,
                () -> ExternalData.of(tensor("data.bin", "8", null), dir).read(8));
        assertTrue(tooShort.getMessage().contains("too short"), tooShort.getMessage());
        assertThrows(ModelException.class, () -> ExternalData.of(tensor("data.bin", "2", "4"), dir).read(8));
    }

    @Test
    void locationsEscapingTheModelDirectoryAreRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Path outside = Files.write(tmp.resolve("secret.bin"), new byte[8]);
        for (String location : new String[] {"../secret.bin", "sub/../../secret.bin", outside.toString()}) {
            ModelException e = assertThrows(ModelException.class, () -> ExternalData.of(tensor(location, null, null), dir));
            assertTrue(e.getMessage().contains("tensor w") && e.getMessage().contains("escapes the model directory"),
                    e.getMessage());
        }
        Files.createSymbolicLink(dir.resolve("link.bin"), outside);
        ModelException link = assertThrows(ModelException.class, () -> ExternalData.of(tensor("link.bin", null, null), dir));
        assertTrue(link.getMessage().contains("links outside"), link.getMessage());
    }

    @Test
    void missingFileAndBadNumbers() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        assertTrue(assertThrows(ModelException.class, () -> ExternalData.of(tensor("none.bin", null, null), dir))
                .getMessage().contains("not found"));
        Files.write(dir.resolve("d.bin"), new byte[8]);
        assertTrue(assertThrows(ModelException.class, () -> ExternalData.of(tensor("d.bin", "x", null), dir))
                .getMessage().contains("offset 'x' is not a number"));
    }
}
