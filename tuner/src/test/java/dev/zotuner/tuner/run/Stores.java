package dev.zotuner.tuner.run;

import dev.zotuner.models.ParameterStore;
import java.util.Random;

/** Test fixture: small parameter stores with seeded values. */
final class Stores {

    private Stores() {
    }

    /** Three tensors (12 + 9 + 3 floats) filled from {@code seed}, with special values mixed in. */
    static ParameterStore small(long seed) {
        Random random = new Random(seed);
        return ParameterStore.builder()
                .add("embeddings.weight", new long[] {4, 3}, "embeddings", true, values(random, 12))
                .add("layer.0.dense.weight", new long[] {3, 3}, "layer.0", true, values(random, 9))
                .add("layer.0.dense.bias", new long[] {3}, "layer.0", false, values(random, 3))
                .build();
    }

    /** The same layout as {@link #small} but with the bias renamed. */
    static ParameterStore renamed() {
        return ParameterStore.builder()
                .add("embeddings.weight", new long[] {4, 3}, "embeddings", true, null)
                .add("layer.0.dense.weight", new long[] {3, 3}, "layer.0", true, null)
                .add("layer.0.out.bias", new long[] {3}, "layer.0", false, null)
                .build();
    }

    /** One tensor of {@code n} floats filled from {@code seed}. */
    static ParameterStore flat(int n, long seed) {
        return ParameterStore.builder()
                .add("w", new long[] {n}, "rest", false, values(new Random(seed), n)).build();
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        if (n > 2) {
            v[0] = -0.0f;
            v[1] = Float.MIN_VALUE;
        }
        return v;
    }
}
