package dev.zotuner.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * {@link ModelWriter.Payload}s of float tensors: little-endian bytes streamed through one staging buffer from a
 * native buffer of θ, from an array, or as the transpose of a 2-D tensor of θ (a tied partner), so writing a tensor
 * never copies it whole. The staging buffer is shared by the payloads of one instance, which a writer runs one after
 * another (one instance per export; not for concurrent use): a buffer per tensor would leave hundreds of megabytes of
 * direct memory for the collector.
 */
final class TensorPayloads {

    private static final int STAGING_FLOATS = 1 << 20;

    private ByteBuffer staging = ByteBuffer.allocateDirect(0);

    /** The values of {@code values} (absolute, all of its capacity). */
    ModelWriter.Payload of(FloatBuffer values) {
        return out -> {
            FloatBuffer source = values.duplicate().clear();
            ByteBuffer bytes = staging(Math.min(STAGING_FLOATS, source.capacity()));
            int floats = bytes.capacity() / Float.BYTES;
            while (source.hasRemaining()) {
                int n = Math.min(source.remaining(), floats);
                bytes.clear().asFloatBuffer().put(source.slice(source.position(), n));
                source.position(source.position() + n);
                ModelWriter.writeFully(bytes.limit(n * Float.BYTES), out);
            }
        };
    }

    /** The values of {@code values}. */
    ModelWriter.Payload of(float[] values) {
        return of(FloatBuffer.wrap(values));
    }

    /**
     * The transpose {@code [cols, rows]} of {@code values} {@code [rows, cols]}: a band of output rows at a time, each
     * filled by walking the input's rows (contiguous reads) and scattering.
     */
    ModelWriter.Payload transposed(FloatBuffer values, long[] shape) {
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        return out -> {
            int band = Math.max(1, Math.min(cols, STAGING_FLOATS / Math.max(1, rows)));
            ByteBuffer bytes = staging((long) band * rows);
            FloatBuffer floats = bytes.asFloatBuffer();
            for (int c0 = 0; c0 < cols; c0 += band) {
                int w = Math.min(band, cols - c0);
                for (int r = 0; r < rows; r++) {
                    int base = r * cols + c0;
                    for (int c = 0; c < w; c++) {
                        floats.put(c * rows + r, values.get(base + c));
                    }
                }
                ModelWriter.writeFully(bytes.clear().limit(w * rows * Float.BYTES), out);
            }
        };
    }

    /** The shared staging buffer, grown to hold at least {@code floats} values (little-endian). */
    private ByteBuffer staging(long floats) {
        long bytes = Math.max(1, floats) * Float.BYTES;
        if (staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        }
        return staging.clear();
    }
}
