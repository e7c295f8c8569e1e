package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read access by index to a FLOAT initializer's values where the file keeps them, without copying the tensor: a view
 * of {@code raw_data} (which aliases the parsed file), the {@code float_data} field, or external data mapped read-only
 * in windows of 1 GiB (so a tensor may exceed one buffer). For comparing large tensors ({@link TieFinder}) at the cost
 * of the pages touched.
 */
final class FloatView {

    private static final int WINDOW_BYTES = 1 << 30;

    private final TensorProto tensor;
    private final long size;
    private final ByteBuffer[] windows;

    private FloatView(TensorProto tensor, long size, ByteBuffer[] windows) {
        this.tensor = tensor;
        this.size = size;
        this.windows = windows;
    }

    /** A view of FLOAT tensor {@code t}; external data resolves against {@code modelDir}. */
    static FloatView of(TensorProto t, Path modelDir) {
        long n = TensorData.elementCount(t);
        long bytes = Math.multiplyExact(n, (long) Float.BYTES);
        if (TensorData.isExternal(t)) {
            return new FloatView(t, n, mapped(ExternalData.of(t, modelDir), bytes));
        }
        if (!t.getRawData().isEmpty()) {
            if (t.getRawData().size() != bytes) {
                throw new ModelException("tensor " + t.getName() + ": raw_data has " + t.getRawData().size()
                        + " bytes, shape needs " + bytes);
            }
            return new FloatView(t, n, new ByteBuffer[] {t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)});
        }
        if (t.getFloatDataCount() != n) {
            throw new ModelException("tensor " + t.getName() + ": has " + t.getFloatDataCount()
                    + " float_data values, shape needs " + n);
        }
        return new FloatView(t, n, null);
    }

    /** Number of values. */
    long size() {
        return size;
    }

    /** Value {@code i} (row-major). */
    float get(long i) {
        if (windows == null) {
            return tensor.getFloatData(Math.toIntExact(i));
        }
        long byteIndex = i * Float.BYTES;
        return windows[(int) (byteIndex / WINDOW_BYTES)].getFloat((int) (byteIndex % WINDOW_BYTES));
    }

    /** The raw bits of value {@code i}, so that copies compare equal exactly (NaN payloads, signed zeros). */
    int bits(long i) {
        return Float.floatToRawIntBits(get(i));
    }

    private static ByteBuffer[] mapped(ExternalData data, long bytes) {
        if (data.length() >= 0 && data.length() != bytes) {
            throw new ModelException("tensor " + data.tensor() + ": external data length " + data.length()
                    + " but shape needs " + bytes + " bytes");
        }
        try (FileChannel ch = FileChannel.open(data.file(), StandardOpenOption.READ)) {
            if (data.offset() + bytes > ch.size()) {
                throw new ModelException("tensor " + data.tensor() + ": external data " + data.file()
                        + " too short (needs " + (data.offset() + bytes) + " bytes, has " + ch.size() + ")");
            }
            ByteBuffer[] windows = new ByteBuffer[(int) ((bytes + WINDOW_BYTES - 1) / WINDOW_BYTES)];
            for (int w = 0; w < windows.length; w++) {
                long from = (long) w * WINDOW_BYTES;
                windows[w] = ch.map(FileChannel.MapMode.READ_ONLY, data.offset() + from, Math.min(WINDOW_BYTES, bytes - from))
                        .order(ByteOrder.LITTLE_ENDIAN);
            }
            return windows;
        } catch (IOException e) {
            throw new ModelException("tensor " + data.tensor() + ": cannot map external data " + data.file() + " ("
                    + ModelException.oneLine(e) + ")", e);
        }
    }
}
