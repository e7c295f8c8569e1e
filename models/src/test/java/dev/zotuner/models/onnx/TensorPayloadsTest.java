package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import org.junit.jupiter.api.Test;

class TensorPayloadsTest {

    @Test
    void valuesAreWrittenLittleEndianFromANativeBuffer() throws IOException {
        FloatBuffer native_ = ByteBuffer.allocateDirect(5 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] values = {1.5f, -2f, 3.25f, Float.MIN_VALUE, -0f};
        native_.put(values);
        assertArrayEquals(values, floats(new TensorPayloads().of(native_)));
        assertArrayEquals(values, floats(new TensorPayloads().of(values)));
    }

    @Test
    void theTransposeMatchesTheTiedPartnerValuesForWideAndTallShapes() throws IOException {
        for (int[] shape : new int[][] {{3, 5}, {1, 7}, {1500, 900}}) {
            float[] a = new float[shape[0] * shape[1]];
            for (int i = 0; i < a.length; i++) {
                a[i] = i * 0.5f - 7;
            }
            TiedWeights.Tie tie = new TiedWeights.Tie("a", "b", true, a.length);
            float[] expected = TiedWeights.partnerValues(tie, a, new long[] {shape[0], shape[1]});
            assertArrayEquals(expected, floats(new TensorPayloads().transposed(FloatBuffer.wrap(a),
                    new long[] {shape[0], shape[1]})), shape[0] + "x" + shape[1]);
        }
    }

    private static float[] floats(ModelWriter.Payload payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        payload.writeTo(Channels.newChannel(out));
        FloatBuffer f = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] back = new float[f.remaining()];
        f.get(back);
        return back;
    }
}
