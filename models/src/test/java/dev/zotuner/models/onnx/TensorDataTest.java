package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorDataTest {

    @TempDir
    Path tmp;

    private static byte[] littleEndian(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static FloatBuffer target(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Test
    void rawDataFloatDataAndExternalDataGiveTheSameValues() throws IOException {
        float[] values = {1.5f, -2f, 3.25f, 0f, 7f, -0.125f};
        TensorProto.Builder base = TensorProto.newBuilder().setName("w").setDataType(1).addDims(2).addDims(3);
        Files.write(tmp.resolve("w.bin"), littleEndian(values));
        List<TensorProto> forms = List.of(
                base.clone().setRawData(ByteString.copyFrom(littleEndian(values))).build(),
                base.clone().addAllFloatData(List.of(1.5f, -2f, 3.25f, 0f, 7f, -0.125f)).build(),
                base.clone().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("w.bin")).build());
        for (TensorProto t : forms) {
            FloatBuffer out = target(6);
            TensorData.readFloats(t, tmp, out);
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], out.get(i), t.toString());
            }
        }
        assertEquals(6, TensorData.elementCount(forms.get(0)));
    }

    @Test
    void wrongTypeOrSizeIsRefused() {
        TensorProto int8 = TensorProto.newBuilder().setName("q").setDataType(3).addDims(4)
                .setRawData(ByteString.copyFrom(new byte[4])).build();
        assertEquals("tensor q: is INT8, not FLOAT",
                assertThrows(ModelException.class, () -> TensorData.readFloats(int8, tmp, target(4))).getMessage());
        TensorProto shortRaw = TensorProto.newBuilder().setName("w").setDataType(1).addDims(4)
                .setRawData(ByteString.copyFrom(new byte[8])).build();
        assertThrows(ModelException.class, () -> TensorData.readFloats(shortRaw, tmp, target(4)));
        assertEquals("INT64", TensorData.typeName(7));
    }

    @Test
    void inliningReplacesExternalDataByRawBytes() throws IOException {
        byte[] longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(5).putLong(-1).array();
        Files.write(tmp.resolve("ids.bin"), longs);
        TensorProto external = TensorProto.newBuilder().setName("ids").setDataType(7).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("ids.bin")).build();
        TensorProto inlined = TensorData.inlined(external, tmp);
        assertFalse(TensorData.isExternal(inlined));
        assertEquals(0, inlined.getExternalDataCount());
        assertEquals(ByteString.copyFrom(longs), inlined.getRawData());
        TensorProto plain = inlined;
        assertSame(plain, TensorData.inlined(plain, tmp));
    }
}
