package dev.zotuner.tuner.train;

import dev.zotuner.tuner.perturb.SplitMix64;

/**
 * The examples of each step: epochs of a seeded permutation of the training set cut into batches (the
 * last batch of an epoch may be shorter), or every example for full-batch ZO. A pure function of
 * (seed, step), so a resumed run sees the same batches without saving any random state.
 */
public final class MiniBatches {

    private static final long SALT = 0x6D696E6962617463L; // "minibatc": separates these draws from z's

    private final int examples;
    private final int batch;
    private final long seed;

    /** @param batch examples per step; 0 or ≥ examples means full batch */
    public MiniBatches(int examples, int batch, long seed) {
        if (examples < 1 || batch < 0) {
            throw new IllegalArgumentException("mini-batches need examples ≥ 1 and batch ≥ 0, got " + examples + ", " + batch);
        }
        this.examples = examples;
        this.batch = batch == 0 ? examples : Math.min(batch, examples);
        this.seed = seed;
    }

    /** Examples per full batch. */
    public int batchSize() {
        return batch;
    }

    /** Indices of step {@code step} (0-based). */
    public int[] at(long step) {
        int perEpoch = (examples + batch - 1) / batch;
        long epoch = step / perEpoch;
        int from = (int) (step % perEpoch) * batch;
        int to = Math.min(examples, from + batch);
        int[] perm = permutation(epoch);
        int[] out = new int[to - from];
        System.arraycopy(perm, from, out, 0, out.length);
        return out;
    }

    /** Every example, in order. */
    public int[] all() {
        int[] all = new int[examples];
        for (int i = 0; i < examples; i++) {
            all[i] = i;
        }
        return all;
    }

    private int[] permutation(long epoch) {
        int[] perm = all();
        if (batch == examples) {
            return perm;
        }
        long epochSeed = SplitMix64.at(seed ^ SALT, epoch);
        for (int i = examples - 1; i > 0; i--) {
            int j = (int) Long.remainderUnsigned(SplitMix64.at(epochSeed, i), i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
