package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.Map;

/**
 * Writes a self-contained ONNX model field by field, each payload's bytes streamed into its initializer's
 * {@code raw_data}: protobuf lets a message's fields come in any order, so the graph is written as its other fields,
 * then one initializer after another, each as its metadata followed by its data, with every length computed up front.
 * The file parses to the same model as {@code ModelProto.writeTo} of the model with the data inline would.
 */
final class InlineModel {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int LENGTH_DELIMITED = 2;

    private InlineModel() {
    }

    /** Writes {@code model}, the initializers named in {@code payloads} with their payloads' bytes as raw data. */
    static void write(ModelProto model, Map<String, ModelWriter.Payload> payloads, WritableByteChannel channel)
            throws IOException {
        if (payloads.isEmpty()) {
            model.writeTo(Channels.newOutputStream(channel));
            return;
        }
        GraphProto graph = model.getGraph();
        GraphProto rest = graph.toBuilder().clearInitializer().build();
        long graphSize = rest.getSerializedSize();
        for (TensorProto t : graph.getInitializerList()) {
            long size = tensorSize(t, payloads.get(t.getName()));
            graphSize += 1 + CodedOutputStream.computeUInt64SizeNoTag(size) + size;
        }
        ModelProto head = model.toBuilder().clearGraph().build();
        writeFully(head.toByteArray(), channel);
        writeFully(header(MODEL_GRAPH, graphSize), channel);
        writeFully(rest.toByteArray(), channel);
        for (TensorProto t : graph.getInitializerList()) {
            ModelWriter.Payload payload = payloads.get(t.getName());
            writeFully(header(GRAPH_INITIALIZER, tensorSize(t, payload)), channel);
            writeFully(t.toByteArray(), channel);
            if (payload != null) {
                long bytes = TensorData.byteCount(t);
                writeFully(header(TENSOR_RAW_DATA, bytes), channel);
                Counting counted = new Counting(channel);
                payload.writeTo(counted);
                if (counted.written != bytes) {
                    throw new IllegalStateException("tensor " + t.getName() + ": wrote " + counted.written
                            + " bytes, its shape needs " + bytes);
                }
            }
        }
    }

    /** A payload's bytes in memory (for small tensors). */
    static ByteString bytesOf(TensorProto t, ModelWriter.Payload payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        payload.writeTo(Channels.newChannel(bytes));
        if (bytes.size() != TensorData.byteCount(t)) {
            throw new IllegalStateException("tensor " + t.getName() + ": wrote " + bytes.size() + " bytes, its shape needs "
                    + TensorData.byteCount(t));
        }
        return ByteString.copyFrom(bytes.toByteArray());
    }

    /** The serialized size of {@code t} with the payload's bytes as raw data. */
    private static long tensorSize(TensorProto t, ModelWriter.Payload payload) {
        long size = t.getSerializedSize();
        if (payload != null) {
            long bytes = TensorData.byteCount(t);
            size += 1 + CodedOutputStream.computeUInt64SizeNoTag(bytes) + bytes;
        }
        return size;
    }

    private static byte[] header(int field, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeUInt32NoTag(field << 3 | LENGTH_DELIMITED);
        coded.writeUInt64NoTag(length);
        coded.flush();
        return out.toByteArray();
    }

    private static void writeFully(byte[] bytes, WritableByteChannel channel) throws IOException {
        ModelWriter.writeFully(ByteBuffer.wrap(bytes), channel);
    }

    /** Counts what a payload writes. */
    private static final class Counting implements WritableByteChannel {
        private final WritableByteChannel out;
        private long written;

        Counting(WritableByteChannel out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = out.write(src);
            written += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() {
            // the caller owns the channel
        }
    }
}
