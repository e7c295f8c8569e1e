package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assigns each weight to a block for block-coordinate methods (MeZO-BCD): {@code embeddings},
 * {@code layer.N} for transformer layer N, or {@code rest}.
 *
 * <p>The block is read from the tensor name ({@code embeddings.}, {@code encoder.layer.3.}, {@code layers.3.},
 * {@code h.3.}, TensorFlow's {@code encoder/layer_3/}). Exporters often anonymise weights ({@code onnx::MatMul_787}); those take the scope of
 * the node that consumes them ({@code /encoder/layer.3/attention/self/query/MatMul}).
 */
public final class BlockNames {

    /** Block of the token, position and type embeddings. */
    public static final String EMBEDDINGS = "embeddings";
    /** Block of everything that is neither an embedding nor inside a layer (heads, final norms, pooler). */
    public static final String REST = "rest";

    private static final Pattern LAYER = Pattern.compile("(?:^|[./])(?:layer|layers|h|block|blocks)[._](\\d+)(?=[./_]|$)");
    private static final Pattern EMBEDDING = Pattern.compile(
            "(?:^|[./_])(?:embeddings|embed_tokens|embed_positions|wte|wpe|word_embeddings)(?=[./_]|$)");

    private BlockNames() {
    }

    /** Block of every named initializer, from its name or else from its first consuming node. */
    public static Map<String, String> assign(GraphProto graph, Collection<String> tensors) {
        Map<String, NodeProto> consumer = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String in : node.getInputList()) {
                consumer.putIfAbsent(in, node);
            }
        }
        Map<String, String> blocks = new LinkedHashMap<>();
        for (String name : tensors) {
            Optional<String> block = fromName(name);
            NodeProto node = consumer.get(name);
            if (block.isEmpty() && node != null) {
                block = fromName(node.getName());
                if (block.isEmpty() && node.getOutputCount() > 0) {
                    block = fromName(node.getOutput(0));
                }
            }
            blocks.put(name, block.orElse(REST));
        }
        return blocks;
    }

    /**
     * The block a tensor or node name points to, if it says. What {@link HeadSlice} adds in front of a model's head
     * ({@code zo_head/…}) is part of the head: {@code rest}.
     */
    public static Optional<String> fromName(String name) {
        if (name.startsWith(HeadSlice.SCOPE)) {
            return Optional.of(REST);
        }
        Matcher layer = LAYER.matcher(name);
        if (layer.find()) {
            return Optional.of("layer." + Integer.parseInt(layer.group(1)));
        }
        return EMBEDDING.matcher(name).find() ? Optional.of(EMBEDDINGS) : Optional.empty();
    }

    /** Orders blocks as a forward pass meets them: embeddings, layer.0, layer.1, ..., rest. */
    public static Comparator<String> order() {
        return Comparator.comparingLong(BlockNames::rank);
    }

    /** Rank of a block in forward order: embeddings −1, layer.N N, anything else (rest) last. */
    static long rank(String block) {
        if (block.equals(EMBEDDINGS)) {
            return -1;
        }
        if (block.startsWith("layer.")) {
            return Long.parseLong(block.substring("layer.".length()));
        }
        return Long.MAX_VALUE;
    }

    /** The block name of a rank from {@link #rank}. */
    static String nameOfRank(long rank) {
        return rank == -1 ? EMBEDDINGS : rank == Long.MAX_VALUE ? REST : "layer." + rank;
    }
}
