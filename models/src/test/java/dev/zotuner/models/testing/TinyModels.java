package dev.zotuner.models.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny random-weight models written as Hugging Face-style export directories ({@code model.onnx},
 * {@code tokenizer.json}, {@code config.json}), one per model kind, so every code path runs in milliseconds.
 *
 * <p>Every graph: word embedding (Gather) → masked context mixing (a masked mean over the sequence for MLM and
 * encoder, a prefix sum for the causal model, so outputs depend on other tokens and on the mask) → two
 * {@code MatMul + Add + Tanh} layers (layer 0's weight anonymised as {@code onnx::MatMul_100}, its block only
 * visible from the consuming node {@code /encoder/layer.0/dense/MatMul}) → a float scalar scale → either an
 * LM head ({@code logits [b, s, 35]}) or {@code last_hidden_state [b, s, 8]}. Weights are seeded.
 */
public final class TinyModels {

    /** Hidden width. */
    public static final int HIDDEN = 8;
    /** Rows of the causal model's position embedding. */
    public static final int POSITIONS = 32;
    /** Trainable values of {@link #mlm}: word embeddings 280 + two layers 2×72 + LM head 315. */
    public static final long MLM_PARAMETERS = 35 * 8 + 2 * (8 * 8 + 8) + 8 * 35 + 35;
    /** Trainable values of {@link #encoder}: word 280 + token types 16 + two layers 144. */
    public static final long ENCODER_PARAMETERS = 35 * 8 + 2 * 8 + 2 * (8 * 8 + 8);
    /** Trainable values of {@link #causal}: word 280 + positions 256 + two layers 144 + LM head 315. */
    public static final long CAUSAL_PARAMETERS = 35 * 8 + POSITIONS * 8 + 2 * (8 * 8 + 8) + 8 * 35 + 35;

    private TinyModels() {
    }

    /** A masked LM ({@code BertForMaskedLM}) in {@code dir}. */
    public static Path mlm(Path dir) {
        return write(dir, graph("mlm", 1).build(), TinyTokenizers.bert(), "{\"architectures\":[\"BertForMaskedLM\"]}");
    }

    /**
     * The masked LM with tied embeddings as constant folding leaves them: {@code lm_head.weight [8, 35]} is a separate
     * initializer holding the exact transpose of {@code embeddings.word_embeddings.weight [35, 8]}.
     */
    public static Path tiedMlm(Path dir) {
        return write(dir, tied(graph("mlm", 1).build()), TinyTokenizers.bert(), "{\"architectures\":[\"BertForMaskedLM\"]}");
    }

    /** {@code model} with {@code lm_head.weight} replaced by the transpose of the word embeddings. */
    public static ModelProto tied(ModelProto model) {
        ModelProto.Builder b = model.toBuilder();
        TensorProto words = model.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("embeddings.word_embeddings.weight")).findFirst().orElseThrow();
        FloatBuffer w = words.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        int rows = TinyTokenizers.VOCAB;
        ByteBuffer t = ByteBuffer.allocate(rows * HIDDEN * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < HIDDEN; c++) {
            for (int r = 0; r < rows; r++) {
                t.putFloat(w.get(r * HIDDEN + c));
            }
        }
        for (int i = 0; i < model.getGraph().getInitializerCount(); i++) {
            if (model.getGraph().getInitializer(i).getName().equals("lm_head.weight")) {
                b.getGraphBuilder().getInitializerBuilder(i).setRawData(ByteString.copyFrom(t.array()));
            }
        }
        return b.build();
    }

    /** A causal LM ({@code GPT2LMHeadModel}, with {@code position_ids}) in {@code dir}. */
    public static Path causal(Path dir) {
        return write(dir, graph("causal", 2).build(), TinyTokenizers.gpt(), "{\"architectures\":[\"GPT2LMHeadModel\"]}");
    }

    /** An encoder ({@code last_hidden_state}, with {@code token_type_ids}) in {@code dir}. */
    public static Path encoder(Path dir) {
        return write(dir, graph("encoder", 3).build(), TinyTokenizers.bert(), "{\"architectures\":[\"BertModel\"]}");
    }

    /** The MLM graph with every rank ≥ 1 initializer moved to external data file {@code weights.bin}. */
    public static Path externalData(Path dir) {
        return externalData(dir, "weights.bin");
    }

    /** As {@link #externalData(Path)} but with a chosen (possibly hostile) location string. */
    public static Path externalData(Path dir, String location) {
        ModelProto model = graph("mlm", 1).build();
        ModelProto.Builder b = model.toBuilder();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        b.getGraphBuilder().clearInitializer();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDimsCount() == 0) {
                b.getGraphBuilder().addInitializer(t);
                continue;
            }
            long offset = data.size();
            data.writeBytes(t.getRawData().toByteArray());
            b.getGraphBuilder().addInitializer(t.toBuilder().clearRawData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location))
                    .addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Long.toString(t.getRawData().size()))));
        }
        write(dir, b.build(), TinyTokenizers.bert(), "{\"architectures\":[\"BertForMaskedLM\"]}");
        writeBytes(dir.resolve("weights.bin"), data.toByteArray());
        return dir;
    }

    /** The encoder plus an (unused) INT8 weight {@code encoder.layer.1.quant.weight}. */
    public static Path withInt8Weight(Path dir) {
        ModelProto model = graph("encoder", 3)
                .initializer("encoder.layer.1.quant.weight", TensorProto.DataType.INT8_VALUE, new byte[HIDDEN], HIDDEN)
                .build();
        return write(dir, model, TinyTokenizers.bert(), "{\"architectures\":[\"BertModel\"]}");
    }

    /** The encoder with its {@code input_ids} input renamed to {@code tokens}. */
    public static Path withoutInputIds(Path dir) {
        ModelProto model = graph("encoder", 3).build();
        ModelProto.Builder b = model.toBuilder();
        for (int i = 0; i < model.getGraph().getInputCount(); i++) {
            ValueInfoProto in = model.getGraph().getInput(i);
            if (in.getName().equals("input_ids")) {
                b.getGraphBuilder().setInput(i, in.toBuilder().setName("tokens"));
            }
        }
        for (int i = 0; i < model.getGraph().getNodeCount(); i++) {
            var node = model.getGraph().getNode(i);
            for (int j = 0; j < node.getInputCount(); j++) {
                if (node.getInput(j).equals("input_ids")) {
                    b.getGraphBuilder().getNodeBuilder(i).setInput(j, "tokens");
                }
            }
        }
        return write(dir, b.build(), TinyTokenizers.bert(), "{\"architectures\":[\"BertModel\"]}");
    }

    /** The graph of one kind ({@code mlm}, {@code causal}, {@code encoder}) with weights from {@code seed}. */
    public static TinyGraph graph(String kind, long seed) {
        boolean causal = kind.equals("causal");
        boolean lm = !kind.equals("encoder");
        TinyGraph g = new TinyGraph(seed).tokenInput("input_ids").tokenInput("attention_mask");
        g.node("Gather", "/embeddings/word_embeddings/Gather", new String[] {"embeddings.word_embeddings.weight", "input_ids"}, "emb");
        String embedded = "emb";
        if (kind.equals("encoder")) {
            g.tokenInput("token_type_ids").weight("embeddings.token_type_embeddings.weight", 0.5f, 2, HIDDEN)
                    .node("Gather", "/embeddings/token_type_embeddings/Gather",
                            new String[] {"embeddings.token_type_embeddings.weight", "token_type_ids"}, "types")
                    .node("Add", "/embeddings/Add", new String[] {"emb", "types"}, "emb2");
            embedded = "emb2";
        } else if (causal) {
            g.tokenInput("position_ids").weight("embeddings.position_embeddings.weight", 0.5f, POSITIONS, HIDDEN)
                    .node("Gather", "/embeddings/position_embeddings/Gather",
                            new String[] {"embeddings.position_embeddings.weight", "position_ids"}, "pos")
                    .node("Add", "/embeddings/Add", new String[] {"emb", "pos"}, "emb2");
            embedded = "emb2";
        }
        g.int64("axes_2", new long[] {2}, 1)
                .node("Cast", "/Cast", new String[] {"attention_mask"}, "maskf", "to", TensorProto.DataType.FLOAT_VALUE)
                .node("Unsqueeze", "/Unsqueeze", new String[] {"maskf", "axes_2"}, "mask3")
                .node("Mul", "/Mul", new String[] {embedded, "mask3"}, "masked");
        if (causal) {
            g.int64("axis_1", new long[] {1}).node("CumSum", "/CumSum", new String[] {"masked", "axis_1"}, "context");
        } else {
            g.int64("axes_1", new long[] {1}, 1).node("ReduceSum", "/ReduceSum", new String[] {"masked", "axes_1"}, "sum", "keepdims", 1)
                    .node("ReduceSum", "/ReduceSum_1", new String[] {"mask3", "axes_1"}, "count", "keepdims", 1)
                    .node("Div", "/Div", new String[] {"sum", "count"}, "context");
        }
        g.node("Add", "/Add", new String[] {embedded, "context"}, "x0");
        g.node("MatMul", "/encoder/layer.0/dense/MatMul", new String[] {"x0", "onnx::MatMul_100"}, "m0")
                .weight("encoder.layer.0.dense.bias", 0.1f, HIDDEN)
                .node("Add", "/encoder/layer.0/dense/Add", new String[] {"m0", "encoder.layer.0.dense.bias"}, "a0")
                .node("Tanh", "/encoder/layer.0/Tanh", new String[] {"a0"}, "x1")
                .weight("encoder.layer.1.dense.weight", 0.5f, HIDDEN, HIDDEN)
                .weight("encoder.layer.1.dense.bias", 0.1f, HIDDEN)
                .node("MatMul", "/encoder/layer.1/dense/MatMul", new String[] {"x1", "encoder.layer.1.dense.weight"}, "m1")
                .node("Add", "/encoder/layer.1/dense/Add", new String[] {"m1", "encoder.layer.1.dense.bias"}, "a1")
                .node("Tanh", "/encoder/layer.1/Tanh", new String[] {"a1"}, "x2")
                .scalar("output_scale", 2.0f)
                .node("Mul", "/Mul_1", new String[] {"x2", "output_scale"}, "x3");
        if (lm) {
            g.weight("lm_head.weight", 0.5f, HIDDEN, TinyTokenizers.VOCAB).weight("lm_head.bias", 0.1f, TinyTokenizers.VOCAB)
                    .node("MatMul", "/lm_head/MatMul", new String[] {"x3", "lm_head.weight"}, "l")
                    .node("Add", "/lm_head/Add", new String[] {"l", "lm_head.bias"}, "logits")
                    .output("logits", TinyTokenizers.VOCAB);
        } else {
            g.node("Identity", "/Identity", new String[] {"x3"}, "last_hidden_state").output("last_hidden_state", HIDDEN);
        }
        // The word embedding and the anonymised MatMul weight come last, as exporters often order them.
        g.weight("embeddings.word_embeddings.weight", 0.5f, TinyTokenizers.VOCAB, HIDDEN)
                .weight("onnx::MatMul_100", 0.5f, HIDDEN, HIDDEN);
        return g;
    }

    /** Writes {@code model.onnx}, {@code tokenizer.json} and {@code config.json} into {@code dir}. */
    public static Path write(Path dir, ModelProto model, String tokenizerJson, String configJson) {
        return write(dir, "model.onnx", model, tokenizerJson, configJson);
    }

    /** Writes the graph as {@code onnxName} (relative to {@code dir}), {@code tokenizer.json} and {@code config.json}. */
    public static Path write(Path dir, String onnxName, ModelProto model, String tokenizerJson, String configJson) {
        writeBytes(dir.resolve(onnxName), model.toByteArray());
        writeBytes(dir.resolve("tokenizer.json"), tokenizerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writeBytes(dir.resolve("config.json"), configJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return dir;
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
