package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Quadratic;
import java.util.SplittableRandom;

/** Test support: small stores and quadratics with a known optimum. */
final class Problems {

    private Problems() {
    }

    /** Blocks "b0", "b1", … each with a decaying weight of the given size and a non-decaying 2-element bias. */
    static ParameterStore blocks(int... weightSizes) {
        return blocks(ParameterStore.Builder.DEFAULT_CHUNK_BYTES, weightSizes);
    }

    /** {@link #blocks(int...)} held in native buffers of at most {@code chunkBytes} bytes. */
    static ParameterStore blocks(long chunkBytes, int... weightSizes) {
        ParameterStore.Builder b = ParameterStore.builder().chunkBytes(chunkBytes);
        for (int k = 0; k < weightSizes.length; k++) {
            b.add("b" + k + ".weight", new long[] {weightSizes[k]}, "b" + k, true, null);
            b.add("b" + k + ".bias", new long[] {2}, "b" + k, false, null);
        }
        return b.build();
    }

    /** One tensor "w" of {@code d} values. */
    static ParameterStore single(int d) {
        return ParameterStore.builder().add("w", new long[] {d}, "w", true, null).build();
    }

    /** diag(H) in [1, κ], random θ* and a random start θ at distance ~1, all from {@code seed}. */
    static Quadratic quadratic(ParameterStore store, double kappa, long seed) {
        int d = (int) store.size();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] h = new double[d];
        double[] opt = new double[d];
        ParameterStore theta = store;
        for (int i = 0; i < d; i++) {
            h[i] = 1 + (kappa - 1) * i / Math.max(1, d - 1);
            opt[i] = rnd.nextGaussian();
            theta.set(i, (float) (opt[i] + rnd.nextGaussian()));
        }
        return Quadratic.diagonal(store, h, opt);
    }

    /** A fixed mini-batch sequence over {@code examples}. */
    static int[] batch(long step, int examples) {
        return new int[] {(int) (step % examples), (int) ((step * 7 + 3) % examples)};
    }
}
