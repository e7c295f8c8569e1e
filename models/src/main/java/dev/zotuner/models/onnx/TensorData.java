package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataLocation;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * Reads initializer contents wherever ONNX keeps them: {@code raw_data} (little-endian), the typed
 * {@code float_data} field, or external data next to the model file.
 */
public final class TensorData {

    /** Bytes a staging buffer for {@link #readFloats(TensorProto, Path, FloatBuffer, ByteBuffer)} should hold. */
    public static final int STAGING_BYTES = 4 << 20;

    private TensorData() {
    }

    /** Number of elements of {@code t}'s shape. */
    public static long elementCount(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The ONNX type name ({@code FLOAT}, {@code INT8}, ...) of a {@code data_type} code. */
    public static String typeName(int dataType) {
        DataType type = DataType.forNumber(dataType);
        return type == null ? "type " + dataType : type.name();
    }

    /** Whether the tensor's bytes live in an external file. */
    public static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == DataLocation.EXTERNAL;
    }

    /**
     * Copies a FLOAT tensor's values into {@code target} (absolute from index 0; byte order converted).
     *
     * @param modelDir directory that external-data locations resolve against
     */
    public static void readFloats(TensorProto t, Path modelDir, FloatBuffer target) {
        readFloats(t, modelDir, target, null);
    }

    /**
     * As {@link #readFloats(TensorProto, Path, FloatBuffer)}, external data passing through {@code staging} (a
     * little-endian buffer reused across tensors, e.g. a direct one for a whole model), or a buffer of its own if null.
     */
    public static void readFloats(TensorProto t, Path modelDir, FloatBuffer target, ByteBuffer staging) {
        if (t.getDataType() != DataType.FLOAT_VALUE) {
            throw new ModelException("tensor " + t.getName() + ": is " + typeName(t.getDataType()) + ", not FLOAT");
        }
        long n = elementCount(t);
        if (n != target.capacity()) {
            throw new ModelException("tensor " + t.getName() + ": " + target.capacity() + " slots for " + n + " values");
        }
        FloatBuffer dst = target.duplicate().clear();
        if (isExternal(t)) {
            ExternalData data = ExternalData.of(t, modelDir);
            data.requireLength(n * Float.BYTES);
            if (staging == null) {
                readExternal(data, 0, dst);
            } else {
                data.read(0, n * Float.BYTES, staging.order(ByteOrder.LITTLE_ENDIAN), chunk -> dst.put(chunk.asFloatBuffer()));
            }
        } else if (!t.getRawData().isEmpty()) {
            if (t.getRawData().size() != n * Float.BYTES) {
                throw new ModelException("tensor " + t.getName() + ": raw_data has " + t.getRawData().size()
                        + " bytes, shape needs " + n * Float.BYTES);
            }
            dst.put(t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
        } else if (t.getFloatDataCount() == n) {
            for (int i = 0; i < n; i++) {
                dst.put(i, t.getFloatData(i));
            }
        } else {
            throw new ModelException("tensor " + t.getName() + ": has " + t.getFloatDataCount() + " float_data values, shape needs " + n);
        }
    }

    /**
     * Copies values {@code from .. from + target.remaining()} of a FLOAT tensor into {@code target} (relative: fills
     * it from its position): a window of a tensor, for reading weights larger than any buffer at hand piecewise.
     */
    public static void readFloats(TensorProto t, Path modelDir, long from, FloatBuffer target) {
        if (t.getDataType() != DataType.FLOAT_VALUE) {
            throw new ModelException("tensor " + t.getName() + ": is " + typeName(t.getDataType()) + ", not FLOAT");
        }
        long n = elementCount(t);
        if (from < 0 || from + target.remaining() > n) {
            throw new IndexOutOfBoundsException("tensor " + t.getName() + ": values " + from + ".."
                    + (from + target.remaining()) + " of " + n);
        }
        if (isExternal(t)) {
            ExternalData data = ExternalData.of(t, modelDir);
            data.requireLength(n * Float.BYTES);
            readExternal(data, from, target);
        } else if (!t.getRawData().isEmpty()) {
            FloatBuffer all = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            target.put(all.slice((int) from, target.remaining()));
        } else {
            for (int i = (int) from; target.hasRemaining(); i++) {
                target.put(t.getFloatData(i));
            }
        }
    }

    /**
     * Streams little-endian floats from {@code from} into {@code dst} through a staging buffer on the heap (the JDK
     * reads into a per-thread cached direct buffer, so no direct memory is left for the collector), over one open
     * channel.
     */
    private static void readExternal(ExternalData data, long from, FloatBuffer dst) {
        ByteBuffer staging = ByteBuffer.allocate(Math.min(STAGING_BYTES, Math.max(Float.BYTES, dst.remaining() * Float.BYTES)))
                .order(ByteOrder.LITTLE_ENDIAN);
        data.read(from * Float.BYTES, dst.remaining() * (long) Float.BYTES, staging, chunk -> dst.put(chunk.asFloatBuffer()));
    }

    /** {@code t} with external data read into {@code raw_data}, so the tensor no longer refers to a file. */
    public static TensorProto inlined(TensorProto t, Path modelDir) {
        if (!isExternal(t)) {
            return t;
        }
        long bytes = Math.multiplyExact(elementCount(t), (long) elementBytes(t));
        ByteBuffer data = ExternalData.of(t, modelDir).read(bytes);
        return t.toBuilder().clearExternalData().setDataLocation(DataLocation.DEFAULT)
                .setRawData(ByteString.copyFrom(data)).build();
    }

    /** Bytes of {@code t}'s data ({@code elements × element size}). */
    public static long byteCount(TensorProto t) {
        return Math.multiplyExact(elementCount(t), (long) elementBytes(t));
    }

    private static int elementBytes(TensorProto t) {
        DataType type = DataType.forNumber(t.getDataType());
        if (type == null) {
            throw new ModelException("tensor " + t.getName() + ": unsupported data type " + t.getDataType());
        }
        return switch (type) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16, FLOAT16, BFLOAT16 -> 2;
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64, COMPLEX64 -> 8;
            case COMPLEX128 -> 16;
            default -> throw new ModelException("tensor " + t.getName() + ": external data of type " + type
                    + " is not supported");
        };
    }
}
