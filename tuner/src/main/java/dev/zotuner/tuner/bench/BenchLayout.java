package dev.zotuner.tuner.bench;

import dev.zotuner.models.ParameterStore;

/**
 * The tensor layout of all-MiniLM-L6-v2 (the default model) without its pooler: 22,565,376 floats in
 * 101 tensors, from the 30522×384 word embedding down to 384-element biases, so benchmarks see the
 * real mix of large chunks and short tails. Values start at zero.
 */
public final class BenchLayout {

    /** Elements of the default layout (vocab 30522, 6 layers). */
    static final long MINILM_L6_ELEMENTS = 22_565_376L;

    private static final int HIDDEN = 384;
    private static final int FFN = 1536;

    private BenchLayout() {
    }

    /** A store shaped like MiniLM with {@code vocab} word embeddings and {@code layers} layers. */
    public static ParameterStore minilm(int vocab, int layers) {
        ParameterStore.Builder b = ParameterStore.builder();
        matrix(b, "embeddings.word_embeddings.weight", vocab, HIDDEN, "embeddings");
        matrix(b, "embeddings.position_embeddings.weight", 512, HIDDEN, "embeddings");
        matrix(b, "embeddings.token_type_embeddings.weight", 2, HIDDEN, "embeddings");
        layerNorm(b, "embeddings.LayerNorm", "embeddings");
        for (int l = 0; l < layers; l++) {
            String p = "encoder.layer." + l + ".";
            String block = "layer." + l;
            for (String m : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense"}) {
                matrix(b, p + m + ".weight", HIDDEN, HIDDEN, block);
                vector(b, p + m + ".bias", HIDDEN, block);
            }
            layerNorm(b, p + "attention.output.LayerNorm", block);
            matrix(b, p + "intermediate.dense.weight", FFN, HIDDEN, block);
            vector(b, p + "intermediate.dense.bias", FFN, block);
            matrix(b, p + "output.dense.weight", HIDDEN, FFN, block);
            vector(b, p + "output.dense.bias", HIDDEN, block);
            layerNorm(b, p + "output.LayerNorm", block);
        }
        return b.build();
    }

    private static void matrix(ParameterStore.Builder b, String name, int rows, int cols, String block) {
        b.add(name, new long[] {rows, cols}, block, true, null);
    }

    private static void vector(ParameterStore.Builder b, String name, int n, String block) {
        b.add(name, new long[] {n}, block, false, null);
    }

    private static void layerNorm(ParameterStore.Builder b, String name, String block) {
        vector(b, name + ".weight", HIDDEN, block);
        vector(b, name + ".bias", HIDDEN, block);
    }
}
