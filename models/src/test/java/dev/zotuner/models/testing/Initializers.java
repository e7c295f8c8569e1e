package dev.zotuner.models.testing;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.onnx.OnnxFile;
import dev.zotuner.models.onnx.TensorData;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Float values of ONNX initializers and trainable tensors as arrays, for assertions. */
public final class Initializers {

    private Initializers() {
    }

    /** The values of {@code file}'s initializer {@code name}, wherever they are kept (inline, in place, external). */
    public static float[] floats(OnnxFile file, String name) {
        TensorProto t = file.proto().getGraph().getInitializerList().stream().filter(x -> x.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(file.path() + " has no initializer " + name));
        float[] out = new float[Math.toIntExact(TensorData.elementCount(t))];
        TensorData.readFloats(t, file.directory(), FloatBuffer.wrap(out));
        return out;
    }

    /** The values in an initializer's raw data (little-endian), as many as it holds. */
    public static float[] floats(TensorProto t) {
        FloatBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    /** A trainable tensor's current values. */
    public static float[] values(Parameter p) {
        float[] v = new float[p.size()];
        p.values().get(0, v);
        return v;
    }
}
