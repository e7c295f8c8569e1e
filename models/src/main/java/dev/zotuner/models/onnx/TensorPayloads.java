package dev.zotuner.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * {@link ModelWriter.Payload}s of float tensors: little-endian bytes streamed through a small staging buffer from a
 * native buffer of θ, from an array, or as the transpose of a 2-D tensor of θ (a tied partner), so writing a tensor
 * never copies it whole.
 */
final class TensorPayloads {

    private static final int STAGING_FLOATS = 1 << 20;

    private TensorPayloads() {
    }

    /** The values of {@code values} (absolute, all of its capacity). */
    static ModelWriter.Payload of(FloatBuffer values) {
        return out -> {
            FloatBuffer source = values.duplicate().clear();
            ByteBuffer staging = staging(source.capacity());
            while (source.hasRemaining()) {
                int n = Math.min(source.remaining(), staging.capacity() / Float.BYTES);
                staging.clear().asFloatBuffer().put(source.slice(source.position(), n));
                source.position(source.position() + n);
                ModelWriter.writeFully(staging.limit(n * Float.BYTES), out);
            }
        };
    }

    /** The values of {@code values}. */
    static ModelWriter.Payload of(float[] values) {
        return of(FloatBuffer.wrap(values));
    }

    /**
     * The transpose {@code [cols, rows]} of {@code values} {@code [rows, cols]}: a band of output rows at a time, each
     * filled by walking the input's rows (contiguous reads) and scattering.
     */
    static ModelWriter.Payload transposed(FloatBuffer values, long[] shape) {
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        return out -> {
            int band = Math.max(1, Math.min(cols, STAGING_FLOATS / Math.max(1, rows)));
            ByteBuffer staging = ByteBuffer.allocateDirect(Math.multiplyExact(band * rows, Float.BYTES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            FloatBuffer floats = staging.asFloatBuffer();
            for (int c0 = 0; c0 < cols; c0 += band) {
                int w = Math.min(band, cols - c0);
                for (int r = 0; r < rows; r++) {
                    int base = r * cols + c0;
                    for (int c = 0; c < w; c++) {
                        floats.put(c * rows + r, values.get(base + c));
                    }
                }
                ModelWriter.writeFully(staging.clear().limit(w * rows * Float.BYTES), out);
            }
        };
    }

    private static ByteBuffer staging(long floats) {
        int n = (int) Math.max(1, Math.min(STAGING_FLOATS, floats));
        return ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }
}
