package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloatViewTest {

    @TempDir
    Path tmp;

    private static final float[] VALUES = {1.5f, -0f, Float.NaN, 3e-39f, 7f, -2f};

    private static byte[] littleEndian(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static TensorProto.Builder tensor() {
        return TensorProto.newBuilder().setName("t").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(2).addDims(3);
    }

    private static void assertValues(FloatView v) {
        assertEquals(VALUES.length, v.size());
        for (int i = 0; i < VALUES.length; i++) {
            assertEquals(Float.floatToRawIntBits(VALUES[i]), v.bits(i), "value " + i);
        }
    }

    @Test
    void readsRawDataFloatDataAndExternalDataAtAnOffset() throws IOException {
        assertValues(FloatView.of(tensor().setRawData(ByteString.copyFrom(littleEndian(VALUES))).build(), tmp));
        TensorProto.Builder typed = tensor();
        for (float f : VALUES) {
            typed.addFloatData(f);
        }
        assertValues(FloatView.of(typed.build(), tmp));
        byte[] data = new byte[12 + VALUES.length * 4];
        System.arraycopy(littleEndian(VALUES), 0, data, 12, VALUES.length * 4);
        Files.write(tmp.resolve("w.bin"), data);
        assertValues(FloatView.of(external("12", "24").build(), tmp));
        assertEquals(-2f, FloatView.of(external("12", "24").build(), tmp).get(5));
    }

    @Test
    void dataThatDoesNotFitTheShapeIsAOneLineError() throws IOException {
        ModelException raw = assertThrows(ModelException.class,
                () -> FloatView.of(tensor().setRawData(ByteString.copyFrom(new byte[8])).build(), tmp));
        assertEquals("tensor t: raw_data has 8 bytes, shape needs 24", raw.getMessage());
        Files.write(tmp.resolve("w.bin"), new byte[20]);
        ModelException shortFile = assertThrows(ModelException.class, () -> FloatView.of(external("0", "24").build(), tmp));
        assertEquals("tensor t: external data " + tmp.resolve("w.bin").toAbsolutePath().normalize()
                + " too short (needs 24 bytes, has 20)", shortFile.getMessage());
        ModelException length = assertThrows(ModelException.class, () -> FloatView.of(external("0", "16").build(), tmp));
        assertEquals("tensor t: external data length 16 but shape needs 24 bytes", length.getMessage());
    }

    private static TensorProto.Builder external(String offset, String length) {
        return tensor().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("w.bin"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(offset))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(length));
    }
}
