package dev.zotuner.models.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A masked LM too large for one buffer, written in seconds: the graph of {@link TinyModels#mlm} (embedding, masked
 * mean context, one {@code MatMul + Add + Tanh} layer, LM head) with a {@code [rows, width]} word embedding and a
 * {@code [width, rows]} LM head held in one external-data file ({@code model.onnx.data}, Optimum's single-file
 * layout), streamed from a seeded generator, never whole in memory. The tiny tokenizer's 35 ids use the first rows.
 */
public final class HugeModels {

    private static final int PIECE = 1 << 20;

    private HugeModels() {
    }

    /** Weights in bytes of {@link #mlm} with these sizes. */
    public static long weightBytes(int rows, int width) {
        return 4L * (2L * rows * width + rows + (long) width * width + width);
    }

    /** Writes the model into {@code dir}; returns {@code dir}. */
    public static Path mlm(Path dir, int rows, int width, long seed) {
        TinyGraph g = new TinyGraph(seed).tokenInput("input_ids").tokenInput("attention_mask")
                .node("Gather", "/embeddings/word_embeddings/Gather", new String[] {"embeddings.word_embeddings.weight", "input_ids"}, "emb")
                .int64("axes_2", new long[] {2}, 1)
                .node("Cast", "/Cast", new String[] {"attention_mask"}, "maskf", "to", TensorProto.DataType.FLOAT_VALUE)
                .node("Unsqueeze", "/Unsqueeze", new String[] {"maskf", "axes_2"}, "mask3")
                .node("Mul", "/Mul", new String[] {"emb", "mask3"}, "masked")
                .int64("axes_1", new long[] {1}, 1)
                .node("ReduceSum", "/ReduceSum", new String[] {"masked", "axes_1"}, "sum", "keepdims", 1)
                .node("ReduceSum", "/ReduceSum_1", new String[] {"mask3", "axes_1"}, "count", "keepdims", 1)
                .node("Div", "/Div", new String[] {"sum", "count"}, "context")
                .node("Add", "/Add", new String[] {"emb", "context"}, "x0")
                .node("MatMul", "/encoder/layer.0/dense/MatMul", new String[] {"x0", "encoder.layer.0.dense.weight"}, "m0")
                .node("Add", "/encoder/layer.0/dense/Add", new String[] {"m0", "encoder.layer.0.dense.bias"}, "a0")
                .node("Tanh", "/encoder/layer.0/Tanh", new String[] {"a0"}, "x1")
                .node("MatMul", "/lm_head/MatMul", new String[] {"x1", "lm_head.weight"}, "l")
                .node("Add", "/lm_head/Add", new String[] {"l", "lm_head.bias"}, "logits")
                .output("logits", rows);
        ModelProto.Builder model = g.build().toBuilder();
        Path data = dir.resolve("model.onnx.data");
        try {
            java.nio.file.Files.createDirectories(dir);
            try (FileChannel out = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long[] state = {seed};
                add(model, out, "embeddings.word_embeddings.weight", 0.5f, state, rows, width);
                add(model, out, "encoder.layer.0.dense.weight", 0.1f, state, width, width);
                add(model, out, "encoder.layer.0.dense.bias", 0.1f, state, width);
                add(model, out, "lm_head.weight", 0.1f, state, width, rows);
                add(model, out, "lm_head.bias", 0.1f, state, rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TinyModels.write(dir, model.build(), TinyTokenizers.bert(), "{\"architectures\":[\"BertForMaskedLM\"]}");
    }

    /** Appends a tensor of uniform values in [-scale, scale] to {@code out} and declares it as external data. */
    private static void add(ModelProto.Builder model, FileChannel out, String name, float scale, long[] state, long... dims)
            throws IOException {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        long offset = out.position();
        ByteBuffer bytes = ByteBuffer.allocateDirect(PIECE * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (long done = 0; done < n; ) {
            int k = (int) Math.min(PIECE, n - done);
            for (int i = 0; i < k; i++) {
                long z = state[0] += 0x9E3779B97F4A7C15L;       // SplitMix64
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                floats.put(i, scale * ((z >>> 40) * 0x1.0p-23f - 1f));
            }
            bytes.clear().limit(k * Float.BYTES);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            done += k;
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", "model.onnx.data")).addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Long.toString(n * Float.BYTES)));
        for (long d : dims) {
            t.addDims(d);
        }
        model.getGraphBuilder().addInitializer(t);
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
