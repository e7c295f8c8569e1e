package dev.zotuner.models.synth;

import dev.zotuner.models.ModelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of a generated model, named after the Hugging Face model whose configuration it copies
 * ({@code bert-base}, {@code roberta-large}, {@code opt-1.3b}, {@code llama-3.2-1b}), or a {@code -tiny} version of
 * the same architecture for tests (hidden 32, 2 layers, vocabulary 1024).
 *
 * @param name          the shape's name
 * @param architecture  the model class imitated
 * @param vocab         vocabulary size (rows of the word embedding, width of the logits)
 * @param hidden        hidden size
 * @param layers        transformer layers
 * @param heads         attention (query) heads
 * @param kvHeads       key/value heads (grouped-query attention when fewer than {@code heads})
 * @param intermediate  MLP width ({@code intermediate_size}, OPT's {@code ffn_dim})
 * @param maxPositions  {@code max_position_embeddings} (rows of a learned position table before any offset)
 * @param eps           LayerNorm / RMSNorm epsilon
 */
public record ModelShape(String name, Architecture architecture, int vocab, int hidden, int layers, int heads,
                         int kvHeads, int intermediate, int maxPositions, double eps) {

    private static final Map<String, ModelShape> NAMED = named(List.of(
            new ModelShape("bert-base", Architecture.BERT, 30522, 768, 12, 12, 12, 3072, 512, 1e-12),
            new ModelShape("roberta-large", Architecture.ROBERTA, 50265, 1024, 24, 16, 16, 4096, 514, 1e-5),
            new ModelShape("opt-1.3b", Architecture.OPT, 50272, 2048, 24, 32, 32, 8192, 2048, 1e-5),
            new ModelShape("llama-3.2-1b", Architecture.LLAMA, 128256, 2048, 16, 32, 8, 8192, 131072, 1e-5)));

    public ModelShape {
        if (vocab < 1 || hidden < 1 || layers < 1 || heads < 1 || kvHeads < 1 || intermediate < 1 || maxPositions < 1) {
            throw new ModelException("model shape " + name + ": sizes must be ≥ 1");
        }
        if (hidden % heads != 0 || heads % kvHeads != 0) {
            throw new ModelException("model shape " + name + ": hidden " + hidden + " must divide into " + heads
                    + " heads and the heads into " + kvHeads + " key/value heads");
        }
    }

    /** A shape by name: a full-size one ({@link #names()}) or its {@code -tiny} version. */
    public static ModelShape named(String name) {
        ModelShape full = NAMED.get(name);
        if (full != null) {
            return full;
        }
        for (ModelShape s : NAMED.values()) {
            if (name.equals(s.tinyName())) {
                return s.tiny();
            }
        }
        throw new ModelException("unknown model shape '" + name + "' (known: " + String.join(", ", names()) + ")");
    }

    /** Every shape name, full-size ones first. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(NAMED.keySet());
        NAMED.values().forEach(s -> all.add(s.tinyName()));
        return List.copyOf(all);
    }

    /** The same architecture at test size: hidden 32, 2 layers, 4 heads (2 key/value heads if grouped), vocab 1024. */
    public ModelShape tiny() {
        int kv = kvHeads == heads ? 4 : 2;
        return new ModelShape(tinyName(), architecture, 1024, 32, 2, 4, kv, 64, maxPositions, eps);
    }

    /** This shape with another number of layers (e.g. to cross a size limit with fewer bytes). */
    public ModelShape withLayers(int n) {
        return new ModelShape(n == layers ? name : name + "-" + n + "l", architecture, vocab, hidden, n, heads, kvHeads,
                intermediate, maxPositions, eps);
    }

    /** Width of one attention head. */
    public int headDim() {
        return hidden / heads;
    }

    private String tinyName() {
        return name.substring(0, name.indexOf('-')) + "-tiny";
    }

    private static Map<String, ModelShape> named(List<ModelShape> shapes) {
        Map<String, ModelShape> m = new LinkedHashMap<>();
        shapes.forEach(s -> m.put(s.name(), s));
        return Collections.unmodifiableMap(m);
    }
}
